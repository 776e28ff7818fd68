package dev.keel.reposerver.http;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.keel.reposerver.store.RepositoryId;
import dev.keel.reposerver.store.RepositoryStateException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps {@link ServedMetadata} in step with changes to the metadata folders that do not come
 * through the store's commit listener: files the publisher prunes after a commit, and files other
 * tools (an offline {@code pubsys}, an operator) write, replace or delete. A thread of its own
 * waits for the file system's change notifications (inotify on Linux) on the metadata root, each
 * variant folder and each repository folder, and refreshes what changed, typically within
 * milliseconds. Temporary files (dot files) are ignored. One per server process.
 */
public final class MetadataWatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MetadataWatcher.class.getName());

  private final ServedMetadata served;
  private final Path root;
  private final WatchService watch;

  /** What each watched folder is: a repository folder's id, or empty for the root and variants. */
  private final Map<WatchKey, Optional<RepositoryId>> watched = new HashMap<>();

  private final Thread thread;

  private MetadataWatcher(ServedMetadata served) throws IOException {
    this.served = served;
    this.root = served.store().metadataRoot();
    this.watch = root.getFileSystem().newWatchService();
    Files.createDirectories(root);
    this.thread = new Thread(this::run, "keel-metadata-watch");
    thread.setDaemon(true);
  }

  /**
   * Watches the metadata folders of {@code served}'s store, then reads them all again (so nothing
   * changed before the watches were set is missed). Blocking.
   */
  public static MetadataWatcher start(ServedMetadata served) throws IOException {
    MetadataWatcher w = new MetadataWatcher(served);
    w.register();
    try {
      served.reload();
    } catch (RepositoryStateException e) {
      throw new IOException(e.getMessage(), e);
    }
    w.thread.start();
    return w;
  }

  /** Watches the root, every variant folder and every repository folder not yet watched. */
  private void register() throws IOException {
    watch(root, Optional.empty());
    try (DirectoryStream<Path> variants = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path v : variants) {
        watch(v, Optional.empty());
        try (DirectoryStream<Path> arches = Files.newDirectoryStream(v, Files::isDirectory)) {
          for (Path a : arches) {
            watch(a, id(v, a));
          }
        }
      }
    }
  }

  private void watch(Path dir, Optional<RepositoryId> id) throws IOException {
    if (dir.getFileName() != null && dir.getFileName().toString().startsWith(".")) {
      return;
    }
    watched.put(dir.register(watch, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), id);
  }

  private static Optional<RepositoryId> id(Path variant, Path arch) {
    try {
      return Optional.of(
          new RepositoryId(variant.getFileName().toString(), arch.getFileName().toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void run() {
    while (true) {
      WatchKey key;
      try {
        key = watch.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      // Gather everything pending, then refresh each repository once.
      Set<RepositoryId> changed = new LinkedHashSet<>();
      boolean structure = false;
      while (key != null) {
        Optional<RepositoryId> id = watched.getOrDefault(key, Optional.empty());
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == OVERFLOW) {
            structure = true;
          } else if (!event.context().toString().startsWith(".")) {
            if (id.isPresent()) {
              changed.add(id.get());
            } else {
              structure = true;
            }
          }
        }
        if (!key.reset()) {
          watched.remove(key);
        }
        key = watch.poll();
      }
      try {
        if (structure) {
          register();
          served.reload();
        } else {
          changed.forEach(served::refresh);
        }
      } catch (ClosedWatchServiceException e) {
        return;
      } catch (IOException | RuntimeException | RepositoryStateException e) {
        LOG.log(System.Logger.Level.ERROR, "cannot follow the metadata folders: " + e, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      watch.close();
    } catch (IOException ignored) {
      // closing releases the inotify descriptor; nothing else to do
    }
    thread.interrupt();
  }
}
