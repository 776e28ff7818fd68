package dev.keel.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsReleaseTest {
  @TempDir Path tmp;

  @Test
  void readsTheFieldsAndNamesTheKeyAtFault() throws Exception {
    Path file = tmp.resolve("os-release");
    Files.writeString(
        file,
        "# comment\nNAME=Bottlerocket\nnot a pair\nversion_id=1.20.3\nPRETTY_NAME=\"Bottlerocket OS 1.20.3 (aws-k8s-1.29)\"\n"
            + "VARIANT_ID=aws-k8s-1.29\nBUILD_ID=\"29d0dc9f\"\n");
    OsRelease r = OsRelease.load(file);
    assertEquals(SemVer.of(1, 20, 3), r.versionId());
    assertEquals("aws-k8s-1.29", r.variantId());
    assertEquals("29d0dc9f", r.buildId());
    assertEquals("Bottlerocket OS 1.20.3 (aws-k8s-1.29)", r.prettyName());
    Files.writeString(file, "VERSION_ID=1.20\nPRETTY_NAME=x\nVARIANT_ID=v\nBUILD_ID=b\n");
    OsReleaseException bad = assertThrows(OsReleaseException.class, () -> OsRelease.load(file));
    assertEquals("VERSION_ID", bad.key());
    Files.writeString(file, "VERSION_ID=1.20.0\nPRETTY_NAME=x\nBUILD_ID=b\n");
    assertEquals(
        file + ": VARIANT_ID: required key is missing",
        assertThrows(OsReleaseException.class, () -> OsRelease.load(file)).getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = tmp.resolve("absent");
    assertEquals(
        file + ": no such file",
        assertThrows(OsReleaseException.class, () -> OsRelease.load(file)).getMessage());
  }
}
