package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeySourcesTest {
  @Test
  void plainPathsAreFiles() throws Exception {
    assertEquals(Path.of("keys/root.pem"), file("keys/root.pem").path());
    assertEquals(Path.of("/etc/keys/root.pem"), file("/etc/keys/root.pem").path());
  }

  @Test
  void fileUrlsAreFiles() throws Exception {
    assertEquals(Path.of("/abs/path/root.pem"), file("file:///abs/path/root.pem").path());
    assertEquals(Path.of("/abs/my key.pem"), file("file:///abs/my%20key.pem").path());
  }

  @Test
  void otherSchemesAreNotSupported() {
    for (String source :
        new String[] {"aws-kms://alias/root", "aws-ssm://param", "https://example.com/key.pem"}) {
      KeyException e =
          assertThrows(KeyException.class, () -> KeySources.parse(source, Optional.empty()));
      assertEquals(Reason.UNSUPPORTED, e.reason());
    }
  }

  @Test
  void fileUrlsMustNameALocalAbsolutePath() {
    for (String source :
        new String[] {"file://host/key.pem", "file:relative.pem", "file:///bad path with space"}) {
      KeyException e =
          assertThrows(KeyException.class, () -> KeySources.parse(source, Optional.empty()));
      assertEquals(Reason.MALFORMED, e.reason());
    }
  }

  private static FileKeySource file(String source) throws KeyException {
    return assertInstanceOf(FileKeySource.class, KeySources.parse(source, Optional.empty()));
  }
}
