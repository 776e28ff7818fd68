package dev.keel.reposerver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevRepositoryTest {
  @Test
  void developmentStateLivesOutsideTheWorkingTreeUnlessAsked() {
    Path home = Path.of("/home/dev");
    Path byDefault = DevRepository.defaultDir(Map.of("HOME", home.toString()));
    assertEquals(home.resolve(".local/state/keel/dev-repo"), byDefault);
    assertFalse(byDefault.startsWith(Path.of("").toAbsolutePath()), "inside the working directory");
    assertEquals(
        Path.of("/var/state/keel/dev-repo"),
        DevRepository.defaultDir(Map.of("HOME", "/home/dev", "XDG_STATE_HOME", "/var/state")));
    assertEquals(
        byDefault,
        DevRepository.defaultDir(Map.of("HOME", "/home/dev", "XDG_STATE_HOME", "relative")));
    assertEquals(
        Path.of("/tmp/mine"), DevRepository.defaultDir(Map.of("KEEL_REPO_DIR", "/tmp/mine")));
  }
}
