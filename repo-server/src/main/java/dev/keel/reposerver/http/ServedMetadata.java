package dev.keel.reposerver.http;

import dev.keel.reposerver.store.FileRepositoryStore;
import dev.keel.reposerver.store.RepositoryId;
import dev.keel.reposerver.store.RepositoryStateException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metadata the server answers with: one {@link MetadataSet} per repository, replaced whole when
 * the repository changes, so that the event loops never touch the file system for metadata and
 * never serve a mix of two states. The store's commit listener {@link #refresh}es a repository on
 * the publishing thread before the publish returns, so the next request after a commit gets the new
 * files; the {@link MetadataWatcher} catches everything else (pruned files, changes made on disk by
 * other tools). Reads are lock-free; refreshes are serialised, so the last one to read the disk is
 * the one that stays. Thread-safe; one per server process.
 */
public final class ServedMetadata {
  private static final System.Logger LOG = System.getLogger(ServedMetadata.class.getName());

  private final FileRepositoryStore store;

  /** By {@code variant/arch}, the form the request path has them in. */
  private final Map<String, MetadataSet> sets = new ConcurrentHashMap<>();

  private ServedMetadata(FileRepositoryStore store) {
    this.store = store;
  }

  /**
   * Reads every repository of {@code store} and refreshes from then on whenever one commits.
   * Blocking.
   */
  public static ServedMetadata load(FileRepositoryStore store) throws RepositoryStateException {
    ServedMetadata served = new ServedMetadata(store);
    store.addCommitListener(served::refresh);
    served.reload();
    return served;
  }

  /** The set of the repository at {@code variantSlashArch} ({@code aws-k8s/x86_64}), or null. */
  MetadataSet get(String variantSlashArch) {
    return sets.get(variantSlashArch);
  }

  FileRepositoryStore store() {
    return store;
  }

  /**
   * Reads {@code id}'s folder again and replaces its set (or drops it if the repository is gone).
   * Blocking. A folder that cannot be read keeps its previous set, and the failure is logged.
   */
  public synchronized void refresh(RepositoryId id) {
    String key = key(id);
    try {
      MetadataSet.read(store.metadataDir(id), sets.get(key))
          .ifPresentOrElse(set -> sets.put(key, set), () -> sets.remove(key));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot read the metadata of " + id + ": " + e, e);
    }
  }

  /** Reads every repository again, adding new ones and dropping those gone. Blocking. */
  public synchronized void reload() throws RepositoryStateException {
    Set<String> present = new HashSet<>();
    for (RepositoryId id : store.repositories()) {
      refresh(id);
      present.add(key(id));
    }
    sets.keySet().retainAll(present);
  }

  private static String key(RepositoryId id) {
    return id.variant() + "/" + id.arch();
  }
}
