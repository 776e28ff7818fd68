package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeySourceTest {
  @Test
  void loadsThePemFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("targets.pem");
    Files.writeString(file, KeyFixtures.text("rsa-2048-traditional.pem"));
    FileKeySource source = new FileKeySource(file);
    assertEquals(KeyFixtures.rsa().keyId(), source.signer().keyId());
    assertEquals(file.toString(), source.describe());
    assertEquals(file, source.path());
  }

  @Test
  void usesAPrivateCopyOfThePassphrase(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("enc.pem");
    Files.writeString(file, KeyFixtures.text("ec-p256-traditional-encrypted.pem"));
    char[] passphrase = KeyFixtures.PASSPHRASE.toCharArray();
    FileKeySource source = new FileKeySource(file, Optional.of(passphrase));
    Arrays.fill(passphrase, 'x'); // the caller wipes its copy
    assertEquals(KeyFixtures.ecdsa().keyId(), source.signer().keyId());
    assertFalse(source.toString().contains(KeyFixtures.PASSPHRASE));
  }

  @Test
  void missingFileIsKeyException(@TempDir Path dir) {
    KeyException e =
        assertThrows(KeyException.class, () -> new FileKeySource(dir.resolve("nope.pem")).signer());
    assertEquals(Reason.IO, e.reason());
  }
}
