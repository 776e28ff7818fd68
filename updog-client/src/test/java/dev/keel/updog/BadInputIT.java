package dev.keel.updog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.keel.partition.GptPrio;
import dev.keel.partition.SetSelect;
import dev.keel.tuf.testkit.RepositoryServer;
import dev.keel.tuf.testkit.TestRepository;
import dev.keel.updog.TestHost.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input from the repository, each a clear error with exit 1 and the inactive set left
 * unbootable (priority 0, no tries). Each case is its own release, picked with {@code --image}.
 */
class BadInputIT {
  @TempDir static Path shared;
  static RepoFixture repo;
  @TempDir Path tmp;

  @BeforeAll
  static void publish() throws Exception {
    repo = new RepoFixture(shared.resolve("repo"));
    repo.publish("1.0.0", Release.of("1.0.0"), Map.of(), Map.of());
    repo.publish("1.2.1", Release.of("1.2.1"), Map.of(), Map.of());
    repo.publish("1.2.2", Release.of("1.2.2"), Map.of(), Map.of());
    // 25 MiB of file-system-like bytes for a 24 MiB ROOT partition; compresses to a few MiB.
    repo.publish("1.2.3", Release.of("1.2.3", 25 << 20), Map.of(), Map.of());
    Release plain = Release.of("1.2.4");
    repo.publish("1.2.4", plain.withRoot(plain.rawRoot()), Map.of(), Map.of());
    repo.publish("1.2.6", Release.of("1.2.6"), Map.of(), Map.of());
    Map<String, List<String>> hops = new java.util.TreeMap<>();
    for (String v : List.of("1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5")) {
      hops.put("(1.0.0, " + v + ")", List.of());
    }
    repo.publish("1.2.5", Release.of("1.2.5"), Map.of(), hops);
  }

  @AfterAll
  static void stop() throws Exception {
    repo.close();
  }

  private TestHost host() throws Exception {
    return TestHost.create(tmp.resolve("host"), "1.0.0", repo);
  }

  private static void assertFailedSafely(TestHost host, Result r, String message) throws Exception {
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertEquals("", r.out());
    GptPrio b = host.prio(SetSelect.B);
    assertEquals(0, b.priority(), b.toString());
    assertEquals(0, b.triesLeft(), b.toString());
    assertEquals(SetSelect.A, host.state().next().orElseThrow());
  }

  @Test
  void wrongHash() throws Exception {
    Path served = repo.targetFile(RepoFixture.imageName("1.2.1", "hash"));
    byte[] original = Files.readAllBytes(served);
    byte[] tampered = original.clone();
    tampered[tampered.length / 2] ^= 1;
    Files.write(served, tampered);
    try {
      TestHost host = host();
      assertFailedSafely(host, host.updog("update", "--image", "1.2.1"), "sha256 mismatch");
    } finally {
      Files.write(served, original);
    }
  }

  @Test
  void truncatedImage() throws Exception {
    Path served = repo.targetFile(RepoFixture.imageName("1.2.2", "root"));
    byte[] original = Files.readAllBytes(served);
    Files.write(served, Arrays.copyOf(original, original.length / 2));
    try {
      TestHost host = host();
      assertFailedSafely(
          host, host.updog("update", "--image", "1.2.2"), "expected " + original.length + " bytes");
    } finally {
      Files.write(served, original);
    }
  }

  @Test
  void imageLargerThanItsPartition() throws Exception {
    TestHost host = host();
    assertFailedSafely(
        host, host.updog("update", "--image", "1.2.3"), "image is larger than partition B root");
    // Nothing was written past ROOT-B: its neighbour, HASH-B, is still all zeros.
    byte[] hash = host.read(SetSelect.B, "hash", 4096);
    assertTrue(Arrays.equals(new byte[4096], hash));
  }

  @Test
  void notLz4() throws Exception {
    TestHost host = host();
    assertFailedSafely(host, host.updog("update", "--image", "1.2.4"), "not a valid LZ4 frame");
  }

  @Test
  void tamperedMetadata() throws Exception {
    Path timestamp =
        repo.dir.resolve(
            "metadata/" + RepoFixture.VARIANT + "/" + RepoFixture.ARCH + "/timestamp.json");
    byte[] original = Files.readAllBytes(timestamp);
    String text = new String(original, StandardCharsets.UTF_8);
    Files.writeString(
        timestamp, text.replaceFirst("\"version\":\\s*(\\d+)", "\"version\":999999999999"));
    try {
      TestHost host = host();
      assertFailedSafely(host, host.updog("update"), "loading the update repository");
    } finally {
      Files.write(timestamp, original);
    }
  }

  @Test
  void connectionResetInTheMiddleOfAnImage() throws Exception {
    WireMockServer proxy =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    proxy.start();
    try {
      String upstream = repo.targetsUrl().replaceFirst("/targets/$", "");
      proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(upstream)));
      proxy.stubFor(
          get(urlPathMatching("/targets/.*-1\\.2\\.5-root\\.ext4\\.lz4"))
              .atPriority(1)
              .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
      String base = "http://127.0.0.1:" + proxy.port();
      TestHost host =
          TestHost.create(
              tmp.resolve("host"),
              "1.0.0",
              repo.root(),
              base + "/metadata/" + RepoFixture.VARIANT + "/" + RepoFixture.ARCH + "/",
              base + "/targets/");
      assertFailedSafely(
          host,
          host.updog("update", "--image", "1.2.5"),
          "downloading bottlerocket-aws-k8s-x86_64-1.2.5-root");
    } finally {
      proxy.stop();
    }
  }

  @Test
  void corruptManifest() throws Exception {
    TestRepository tuf = TestRepository.create(tmp.resolve("tuf"), Instant.now());
    tuf.addTarget("manifest.json", "{\"updates\": [".getBytes(StandardCharsets.UTF_8));
    try (RepositoryServer server = RepositoryServer.serve(tmp.resolve("tuf"))) {
      TestHost host =
          TestHost.create(
              tmp.resolve("host"),
              "1.0.0",
              tuf.trustedRoot(),
              server.url("metadata/").toString(),
              server.url("targets/").toString());
      assertFailedSafely(host, host.updog("update"), "manifest.json");
    }
  }

  @Test
  void missingManifest() throws Exception {
    TestRepository tuf = TestRepository.create(tmp.resolve("tuf"), Instant.now());
    try (RepositoryServer server = RepositoryServer.serve(tmp.resolve("tuf"))) {
      TestHost host =
          TestHost.create(
              tmp.resolve("host"),
              "1.0.0",
              tuf.trustedRoot(),
              server.url("metadata/").toString(),
              server.url("targets/").toString());
      assertFailedSafely(host, host.updog("check-update"), "Manifest not found in repository");
    }
  }

  @Test
  void aDamagedGptCopyIsRepairedAndBothDamagedIsRefused() throws Exception {
    TestHost host = host();
    long size = Files.size(host.disk);
    try (var ch =
        java.nio.channels.FileChannel.open(host.disk, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.allocate(512), 512); // the primary header (LBA 1)
    }
    Result repaired = host.updog("update", "--image", "1.2.1");
    assertEquals(0, repaired.code(), repaired.err());
    dev.keel.partition.Tool.verified(host.disk.toString());
    TestHost broken = TestHost.create(tmp.resolve("broken"), "1.0.0", repo);
    try (var ch =
        java.nio.channels.FileChannel.open(broken.disk, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.allocate(512), 512);
      ch.write(java.nio.ByteBuffer.allocate(512), size - 512); // and the backup header (last LBA)
    }
    Result refused = broken.updog("update", "--image", "1.2.2");
    assertEquals(1, refused.code());
    assertTrue(refused.err().contains(broken.disk.toString()), refused.err());
    assertFalse(
        Files.exists(broken.dir.resolve("var/lib/bottlerocket-migrations")),
        "nothing cached before the disk check");
  }

  @Test
  void noMigrationPathStopsBeforeTheDisk() throws Exception {
    TestHost host = host();
    assertFailedSafely(
        host,
        host.updog("update", "--image", "1.2.6"),
        "Reached end of migration chain at 1.2.5 but target is 1.2.6");
  }
}
