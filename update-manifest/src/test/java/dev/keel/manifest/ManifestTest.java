package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The publisher operations (updata / pubsys). */
class ManifestTest {
  private static final Instant T = Instant.parse("2024-03-01T12:00:00Z");
  private static final Images IMAGES = new Images("boot.lz4", "root.lz4", "hash.lz4");

  @Test
  void firstUpdateGetsItsOwnVersionAsMax() {
    Manifest m =
        Manifest.empty().addUpdate("aws-k8s-1.29", "x86_64", v("1.19.0"), Optional.empty(), IMAGES);
    assertEquals(1, m.updates().size());
    assertEquals(v("1.19.0"), m.updates().get(0).maxVersion());
    assertTrue(m.updates().get(0).waves().isEmpty());
  }

  @Test
  void newerUpdateRaisesMaxOfSameVariantAndArchOnly() {
    Manifest m =
        Manifest.empty()
            .addUpdate("aws-k8s-1.29", "x86_64", v("1.19.0"), Optional.empty(), IMAGES)
            .addUpdate("aws-k8s-1.29", "aarch64", v("1.19.0"), Optional.empty(), IMAGES)
            .addUpdate("aws-ecs-2", "x86_64", v("1.19.0"), Optional.empty(), IMAGES)
            .addUpdate("aws-k8s-1.29", "x86_64", v("1.20.0"), Optional.empty(), IMAGES);
    assertEquals(
        List.of(v("1.20.0"), v("1.19.0"), v("1.19.0"), v("1.20.0")),
        m.updates().stream().map(Update::maxVersion).toList());
  }

  @Test
  void defaultMaxComesFromTheFirstUpdateWhateverItsVariant() {
    // Faithful to Manifest::add_update: updates[0].max_version, not the matching variant's.
    Manifest m =
        Manifest.empty()
            .addUpdate("aws-k8s-1.29", "x86_64", v("2.0.0"), Optional.empty(), IMAGES)
            .addUpdate("aws-ecs-2", "x86_64", v("1.5.0"), Optional.empty(), IMAGES);
    assertEquals(v("2.0.0"), m.updates().get(1).maxVersion());
  }

  @Test
  void explicitMaxOverwritesSameVariantAndArchEvenDownwards() {
    Manifest m =
        Manifest.empty()
            .addUpdate("v", "x86_64", v("1.0.0"), Optional.empty(), IMAGES)
            .addUpdate("v", "x86_64", v("1.1.0"), Optional.empty(), IMAGES)
            .addUpdate("v", "x86_64", v("1.2.0"), Optional.of(v("1.0.0")), IMAGES);
    assertEquals(
        List.of(v("1.0.0"), v("1.0.0"), v("1.0.0")),
        m.updates().stream().map(Update::maxVersion).toList());
  }

  @Test
  void removeUpdateRemovesExactMatchesAndLeavesMaxAlone() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/multiple_x86_64.json");
    Manifest removed = m.removeUpdate("bottlerocket-aws-eks", "x86_64", v("1.25.0"));
    assertEquals(
        List.of(v("1.13.0"), v("1.15.0"), v("1.16.0")),
        removed.updates().stream().map(Update::version).toList());
    assertTrue(removed.updates().stream().allMatch(u -> u.maxVersion().equals(v("1.20.0"))));
    assertEquals(m, m.removeUpdate("bottlerocket-aws-eks", "aarch64", v("1.25.0")));
    assertEquals(4, m.updates().size(), "the original manifest is unchanged");
  }

  @Test
  void setMaxVersionOverwritesEveryUpdate() throws Exception {
    Manifest m =
        Fixtures.manifest("bottlerocket/updog-tests/multiple_aarch64.json")
            .setMaxVersion(v("1.25.0"));
    assertTrue(m.updates().stream().allMatch(u -> u.maxVersion().equals(v("1.25.0"))));
  }

  @Test
  void setWavesReplacesWavesOfTheMatchingUpdateOnly() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/multiple_x86_64.json");
    Manifest waved =
        m.setWaves("bottlerocket-aws-eks", "x86_64", v("1.15.0"), T, WavePolicy.named("default"));
    Update u = waved.findUpdates("bottlerocket-aws-eks", "x86_64", v("1.15.0")).get(0);
    assertEquals(List.of(0L, 20L, 102L, 307L, 819L, 1228L, 1843L), List.copyOf(u.waves().keySet()));
    assertEquals(T.plus(Duration.ofHours(1)), u.waves().get(0L));
    assertEquals(T.plus(Duration.ofDays(6)), u.waves().get(1843L));
    for (int i : new int[] {0, 1, 3}) {
      assertEquals(m.updates().get(i), waved.updates().get(i));
    }
    assertEquals("Ready", u.unknownFields().find("status").orElseThrow().textValue());
  }

  @Test
  void setWavesWithoutMatchChangesNothing() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/example.json");
    assertEquals(m, m.setWaves("other", "x86_64", v("1.13.0"), T, WavePolicy.named("ohno")));
    assertTrue(m.findUpdates("other", "x86_64", v("1.13.0")).isEmpty());
  }

  @Test
  void setWavesRejectsPoliciesWhoseTimesDoNotIncrease() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/example.json");
    WavePolicy backwards =
        WavePolicy.parse(
            "[[waves]]\nstart_after = '1 hour'\n"
                + "fleet_percentage = 50\n[[waves]]\nstart_after = '2 hours'\nfleet_percentage = 10\n"
                + "[[waves]]\nstart_after = '3 hours'\nfleet_percentage = 100\n",
            "backwards.toml");
    WavesNotOrderedException e =
        assertThrows(
            WavesNotOrderedException.class,
            () -> m.setWaves("bottlerocket-aws-eks", "x86_64", v("1.13.0"), T, backwards));
    assertEquals(204, e.seed());
    assertEquals(1024, e.nextSeed());
    assertTrue(e.getMessage().startsWith("Waves are not ordered"), e.getMessage());
  }

  @Test
  void setWavesChecksEveryUpdateAsTheOriginal() throws Exception {
    Update unordered =
        Update.of("other", "x86_64", v("1.0.0"), v("1.0.0"), IMAGES)
            .withWaves(new TreeMap<>(Map.of(0L, T.plusSeconds(60), 10L, T)));
    Manifest m = Manifest.empty().addUpdate("v", "x86_64", v("1.0.0"), Optional.empty(), IMAGES);
    Manifest withBad =
        new Manifest(List.of(m.updates().get(0), unordered), Map.of(), UnknownFields.none());
    WavesNotOrderedException e =
        assertThrows(
            WavesNotOrderedException.class,
            () -> withBad.setWaves("v", "x86_64", v("1.0.0"), T, WavePolicy.named("default")));
    assertSame(withBad.updates().get(1), e.update());
  }

  @Test
  void equalWaveTimesAreNotOrdered() {
    Update u =
        Update.of("v", "x86_64", v("1.0.0"), v("1.0.0"), IMAGES)
            .withWaves(new TreeMap<>(Map.of(0L, T, 1024L, T)));
    assertThrows(WavesNotOrderedException.class, u::checkWavesOrdered);
  }

  @Test
  void setMigrationsReplacesTheWholeTable() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/example.json");
    ReleaseConfig release =
        ReleaseConfig.parse(Fixtures.text("bottlerocket/updog-tests/release.toml"), "release.toml");
    Manifest replaced = m.setMigrations(release);
    assertEquals(release.migrations(), replaced.migrations());
    assertEquals(m.updates(), replaced.updates());
    assertTrue(
        replaced
            .toJsonString()
            .contains(
                "\"(0.0.0, 0.0.2)\": [\n"
                    + "      \"migrate_0.0.1_foo\",\n      \"migrate_0.0.1_baz\",\n"
                    + "      \"migrate_0.0.2_bar\"\n    ]"),
        replaced.toJsonString());
    assertTrue(!replaced.toJsonString().contains("1.11.0"));
  }

  @Test
  void publishedManifestRoundTrips() throws Exception {
    Manifest m =
        Manifest.empty()
            .addUpdate("aws-k8s-1.29", "x86_64", v("1.19.0"), Optional.empty(), IMAGES)
            .setWaves(
                "aws-k8s-1.29",
                "x86_64",
                v("1.19.0"),
                T.plusNanos(1_500_000),
                WavePolicy.named("slow-roll"))
            .setMigrations(
                ReleaseConfig.parse(
                    Fixtures.text("bottlerocket/release/Release.toml"), "Release.toml"));
    assertEquals(m, Manifest.parse(m.toJson()));
  }

  @Test
  void collectionsAreImmutable() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/example.json");
    assertThrows(UnsupportedOperationException.class, () -> m.updates().clear());
    assertThrows(UnsupportedOperationException.class, () -> m.migrations().clear());
    assertThrows(
        UnsupportedOperationException.class,
        () -> m.migrations().values().iterator().next().clear());
    assertThrows(UnsupportedOperationException.class, () -> m.updates().get(0).waves().put(5L, T));
  }
}
