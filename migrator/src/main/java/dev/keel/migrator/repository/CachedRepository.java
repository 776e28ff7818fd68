package dev.keel.migrator.repository;

import dev.keel.manifest.MalformedManifestException;
import dev.keel.manifest.Manifest;
import dev.keel.migrator.MigratorException.BadMigrationFile;
import dev.keel.migrator.MigratorException.MigrationNotFound;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.client.VerificationIOException;
import dev.keel.tuf.client.VerifyingInputStream;
import dev.keel.tuf.error.InvalidTargetPathException;
import dev.keel.tuf.error.LengthOrHashMismatchException;
import dev.keel.tuf.error.MissingMetadataException;
import dev.keel.tuf.error.MissingTargetException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.transport.FileTransport;
import dev.keel.tuf.trust.ExpirationPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * The repository updog cached for the migrator (§3.6), read offline and verified: metadata raw in
 * the metadata directory (every {@code N.root.json}, {@code N.snapshot.json}, {@code
 * N.targets.json}, {@code timestamp.json}), targets as {@code <sha256>.<name>} in the migration
 * directory. Loaded from the booted image's trusted root through tuf-core's {@link Updater} and
 * {@link FileTransport}.
 */
public final class CachedRepository {
  /**
   * A decompressed migration may be at most this large (the compressed size is capped by its signed
   * length).
   */
  public static final long MAX_MIGRATION_BYTES = 512L << 20;

  private static final String MANIFEST = "manifest.json";
  private final Updater updater;
  private final URI targets;

  private CachedRepository(Updater updater, URI targets) {
    this.updater = updater;
    this.targets = targets;
  }

  /**
   * §5.4 step 3: loads and verifies the cached metadata (root chain, signatures, versions, hashes).
   *
   * @param scratch an empty private directory for the client's own state, discarded afterwards
   * @throws TufException if the cached repository does not verify
   */
  public static CachedRepository load(
      Path trustedRoot, Path metadataDir, Path migrationDir, Path scratch, Clock clock)
      throws TufException {
    byte[] root;
    try {
      root = Files.readAllBytes(trustedRoot);
    } catch (IOException e) {
      throw new StorageException(trustedRoot, "cannot read the trusted root", e);
    }
    // Expiry is deliberately not enforced here. The migrator runs at boot, often offline, and a
    // host may stay powered off for weeks after updog downloaded and verified these files (with
    // expiry enforced) before the reboot. TUF serves as code signing at this point: signatures,
    // thresholds, versions and hashes are all still checked against the root shipped in the booted
    // image, so only bytes the repository signed can run; what is given up is freeze protection,
    // which protects downloads, and the download already happened.
    UpdaterConfig config =
        UpdaterConfig.of(metadataDir.toUri(), scratch)
            .withExpiration(ExpirationPolicy.IGNORE)
            .withBootstrapRoot(Bytes.copyOf(root));
    Updater updater = new Updater(config, new FileTransport(), clock, new AtomicFiles());
    updater.refresh();
    return new CachedRepository(updater, migrationDir.toUri());
  }

  /**
   * §5.4 step 4: the signed manifest.json.
   *
   * @throws MigrationNotFound if the repository does not list it or it is not cached
   */
  public Manifest manifest() throws TufException, MigrationNotFound, MalformedManifestException {
    return Manifest.parse(read(MANIFEST), MANIFEST);
  }

  /**
   * Reads a migration target, checks its length and hashes, and only then decompresses it (LZ4
   * frame) into {@code file}, created new with mode 0700. It must be an ELF binary or start with
   * {@code #!}.
   *
   * @throws MigrationNotFound if the repository does not list it or it is not cached
   * @throws LengthOrHashMismatchException if the cached bytes are not the signed ones
   * @throws BadMigrationFile if they do not decompress or the file cannot be written
   */
  public void extractMigration(String name, Path file)
      throws TufException, MigrationNotFound, BadMigrationFile {
    byte[] compressed = read(name);
    try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(compressed));
        OutputStream out =
            Files.newOutputStream(
                Files.createFile(
                    file,
                    PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------"))),
                StandardOpenOption.WRITE)) {
      byte[] head = in.readNBytes(4);
      boolean elf =
          head.length == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
      boolean script = head.length >= 2 && head[0] == '#' && head[1] == '!';
      if (!elf && !script) {
        // The JDK would hand such a file to /bin/sh; a migration must say what runs it.
        throw new IOException(
            "not an executable: neither an ELF binary nor a script starting with #!");
      }
      out.write(head);
      byte[] buf = new byte[1 << 16];
      long total = head.length;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > MAX_MIGRATION_BYTES) {
          throw new IOException("larger than " + MAX_MIGRATION_BYTES + " bytes decompressed");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new BadMigrationFile(
          name, "cannot decompress (LZ4 frame) to " + file + ": " + e.getMessage(), e);
    }
  }

  /** A target's bytes, read to the end so that the length and every hash are checked. */
  private byte[] read(String name) throws TufException, MigrationNotFound {
    TargetPath path;
    try {
      path = TargetPath.of(name);
    } catch (InvalidTargetPathException e) {
      throw new MigrationNotFound(name, e.getMessage());
    }
    TargetInfo target =
        updater
            .findTarget(path)
            .orElseThrow(() -> new MigrationNotFound(name, "not listed in the signed targets"));
    try (VerifyingInputStream in = updater.openTarget(target, targets)) {
      return in.readAllBytes();
    } catch (MissingMetadataException | MissingTargetException e) {
      // tuf-core reports a target file that is not there as MissingTargetException (since issue 8).
      throw new MigrationNotFound(name, "listed, but not cached: " + e.getMessage());
    } catch (IOException e) {
      Optional<LengthOrHashMismatchException> mismatch = VerificationIOException.find(e);
      if (mismatch.isPresent()) {
        throw mismatch.get();
      }
      throw new StorageException(Path.of(targets).resolve(name), "cannot read", e);
    }
  }
}
