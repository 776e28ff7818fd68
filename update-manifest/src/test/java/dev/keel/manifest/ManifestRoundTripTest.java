package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.tuf.json.JsonInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever the writer emits, the reader reads back as the same manifest, byte for byte when written
 * again. Property tests with a seeded {@link Random} (the seed is in every failure message): one
 * drives the publisher's operations ({@code addUpdate}, {@code setWaves}, {@code setMaxVersion},
 * {@code removeUpdate}, {@code withMigrations}) with arbitrary inputs, the other builds updates
 * directly from arbitrary values. A value that could not be read back must be refused when it is
 * made, never written.
 */
class ManifestRoundTripTest {
  private static final long SEED = 0x6b65656cL; // "keel"
  private static final Set<String> UPDATE_FIELDS =
      Set.of("variant", "arch", "version", "max_version", "waves", "images");

  /**
   * Characters that tend to break writers: quotes, escapes, controls, bidi, line separators, emoji.
   */
  private static final String TRICKY =
      "\"\\/\n\r\t\b\f\u0000\u001f\u007f\u202e\u2066\u2028\u00e9 \ufeff";

  private static final String EMOJI = "\ud83d\ude00";

  @Test
  void everyManifestThePublisherOperationsWriteReadsBack() throws Exception {
    Random random = new Random(SEED);
    int refusedTimes = 0;
    int wavesSet = 0;
    for (int run = 0; run < 300; run++) {
      Manifest m = Manifest.empty();
      for (int step = 0; step < 12; step++) {
        String context = "run " + run + " step " + step + " (seed " + SEED + ")";
        Manifest next = m;
        switch (random.nextInt(5)) {
          case 0 ->
              next =
                  m.addUpdate(
                      pick(random, "aws-k8s-1.29", "metal-dev", text(random, true)),
                      pick(random, "x86_64", "aarch64"),
                      version(random),
                      random.nextBoolean() ? Optional.empty() : Optional.of(version(random)),
                      new Images(text(random, true), text(random, true), text(random, true)));
          case 1 -> {
            Update target =
                m.updates().isEmpty() ? null : m.updates().get(random.nextInt(m.updates().size()));
            Instant start = time(random);
            WavePolicy policy = policy(random);
            boolean representable =
                Rfc3339.inRange(start)
                    && policy.schedule(start).values().stream().allMatch(Rfc3339::inRange);
            try {
              next =
                  target == null
                      ? m.setWaves("v", "a", v("1.0.0"), start, policy)
                      : m.setWaves(
                          target.variant(), target.arch(), target.version(), start, policy);
              assertTrue(representable, context + ": accepted waves it cannot write from " + start);
              wavesSet++;
            } catch (WaveTimeOutOfRangeException e) {
              assertTrue(
                  !representable,
                  context + ": refused writable waves from " + start + ": " + e.getMessage());
              refusedTimes++;
            } catch (WavesNotOrderedException e) {
              // a policy whose offsets do not increase: refused, as the original refuses it
            }
          }
          case 2 -> next = m.setMaxVersion(version(random));
          case 3 ->
              next =
                  m.updates().isEmpty()
                      ? m
                      : m.removeUpdate(
                          m.updates().get(0).variant(),
                          m.updates().get(0).arch(),
                          m.updates().get(0).version());
          default -> next = m.withMigrations(migrations(random));
        }
        assertRoundTrips(next, context);
        m = next;
      }
    }
    assertTrue(
        refusedTimes > 50 && wavesSet > 50,
        "both outcomes exercised: " + refusedTimes + " refused, " + wavesSet + " set");
  }

  @Test
  void everyUpdateThatCanBeMadeReadsBack() throws Exception {
    Random random = new Random(SEED + 1);
    int refused = 0;
    int made = 0;
    for (int run = 0; run < 2000; run++) {
      String context = "run " + run + " (seed " + (SEED + 1) + ")";
      TreeMap<Long, Instant> waves = new TreeMap<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        waves.put(random.nextLong(Update.MAX_WAVE_KEY + 1), time(random));
      }
      Manifest m;
      try {
        Update u =
            new Update(
                text(random, false),
                text(random, false),
                version(random),
                version(random),
                waves,
                new Images(text(random, false), text(random, false), text(random, false)),
                unknownFields(random));
        Map<MigrationKey, List<String>> migrations =
            Map.of(
                new MigrationKey(version(random), version(random)), List.of(text(random, false)));
        m = new Manifest(List.of(u), migrations, UnknownFields.none());
        made++;
      } catch (IllegalArgumentException e) {
        refused++; // a value the writer could not write back: refused when made
        continue;
      }
      assertRoundTrips(m, context);
    }
    assertTrue(
        refused > 100 && made > 100,
        "both outcomes exercised: " + refused + " refused, " + made + " made");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"9999-12-31T00:00:00Z", "-0001-06-01T00:00:00Z", "+10000-01-01T00:00:00Z"})
  void releaseStartsTheWriterCannotHoldAreRefused(String start) throws Exception {
    Manifest m =
        Manifest.empty()
            .addUpdate("v", "x86_64", v("1.0.0"), Optional.empty(), new Images("b", "r", "h"));
    // The default policy's last wave starts 6 days after the release: past 9999 for the first case.
    WaveTimeOutOfRangeException e =
        assertThrows(
            WaveTimeOutOfRangeException.class,
            () ->
                m.setWaves(
                    "v", "x86_64", v("1.0.0"), Instant.parse(start), WavePolicy.named("default")));
    assertTrue(e.getMessage().contains("outside the times manifest.json can hold"), e.getMessage());
  }

  @Test
  void aHugeWaveOffsetIsRefused() throws Exception {
    Manifest m =
        Manifest.empty()
            .addUpdate("v", "x86_64", v("1.0.0"), Optional.empty(), new Images("b", "r", "h"));
    WavePolicy huge =
        WavePolicy.parse(
            "[[waves]]\nstart_after = '4294967295 weeks'\nfleet_percentage = 100\n", "w");
    WaveTimeOutOfRangeException e =
        assertThrows(
            WaveTimeOutOfRangeException.class,
            () ->
                m.setWaves("v", "x86_64", v("1.0.0"), Instant.parse("2026-01-01T00:00:00Z"), huge));
    assertEquals(0, e.seed());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000-01-01T00:00:00+01:00", "9999-12-31T23:00:00-02:00"})
  void timesOutsideTheRangeOnceTheirOffsetIsAppliedAreRefusedByTheReader(String time) {
    byte[] json =
        ("{\"updates\": [{\"variant\": \"v\", \"arch\": \"a\", \"version\": \"1.0.0\", "
                + "\"max_version\": \"1.0.0\", \"waves\": {\"0\": \""
                + time
                + "\"}, "
                + "\"images\": {\"boot\": \"b\", \"root\": \"r\", \"hash\": \"h\"}}], \"migrations\": {}}")
            .getBytes(StandardCharsets.UTF_8);
    MalformedManifestException e =
        assertThrows(MalformedManifestException.class, () -> Manifest.parse(json));
    assertEquals(MalformedManifestException.Problem.BAD_TIME, e.problem());
  }

  @Test
  void anUnpairedSurrogateIsRefusedByTheReaderAndByTheRecords() {
    byte[] json =
        "{\"updates\": [], \"migrations\": {}, \"note\": \"\\ud800\"}"
            .getBytes(StandardCharsets.UTF_8);
    MalformedManifestException e =
        assertThrows(MalformedManifestException.class, () -> Manifest.parse(json));
    assertEquals(MalformedManifestException.Problem.BAD_TEXT, e.problem());
    assertEquals("note", e.field());
    assertThrows(IllegalArgumentException.class, () -> new Images("b\ud800", "r", "h"));
  }

  private static void assertRoundTrips(Manifest m, String context) {
    byte[] written = m.toJson();
    Manifest read;
    try {
      read = Manifest.parse(written);
    } catch (MalformedManifestException e) {
      fail(
          context
              + ": the reader refuses what the writer wrote: "
              + e.getMessage()
              + "\n"
              + new String(written, StandardCharsets.UTF_8));
      return;
    }
    for (int i = 0; i < m.updates().size(); i++) {
      Update a = m.updates().get(i);
      Update b = read.updates().get(i);
      assertEquals(
          List.of(
              a.variant(),
              a.arch(),
              a.version(),
              a.maxVersion(),
              a.waves(),
              a.images(),
              a.unknownFields()),
          List.of(
              b.variant(),
              b.arch(),
              b.version(),
              b.maxVersion(),
              b.waves(),
              b.images(),
              b.unknownFields()),
          context);
    }
    assertEquals(m, read, context);
    assertArrayEquals(written, read.toJson(), context + ": writing again gives other bytes");
  }

  // ---- generators -------------------------------------------------------------------------

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /**
   * Text with tricky characters; with {@code wellFormed} false, now and then an unpaired surrogate.
   */
  private static String text(Random random, boolean wellFormed) {
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(12); i >= 0; i--) {
      int kind = random.nextInt(10);
      if (kind < 5) {
        sb.append((char) ('a' + random.nextInt(26)));
      } else if (kind < 9) {
        sb.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
      } else {
        sb.append(EMOJI);
      }
    }
    if (!wellFormed && random.nextInt(30) == 0) {
      sb.insert(random.nextInt(sb.length() + 1), pick(random, '\ud800', '\udfff', '\udbff'));
    }
    return sb.toString();
  }

  private static SemVer version(Random random) {
    long[] numbers = {0, 1, 2, 10, 99, Long.MAX_VALUE};
    return new SemVer(
        numbers[random.nextInt(numbers.length)],
        random.nextInt(30),
        numbers[random.nextInt(numbers.length)],
        pick(random, "", "", "rc.1", "alpha.0", "x-y.11", "0"),
        pick(random, "", "", "build.5", "001", "a-b"));
  }

  /** Times around now, at the edges of the wire format's range, and anywhere an Instant can be. */
  private static Instant time(Random random) {
    Instant t =
        switch (random.nextInt(4)) {
          case 0 ->
              Instant.parse("2026-01-01T00:00:00Z")
                  .plusSeconds(random.nextLong(-1L << 32, 1L << 32));
          case 1 -> Rfc3339.EARLIEST.plusSeconds(random.nextLong(-30 * 86400, 30 * 86400));
          case 2 -> Rfc3339.LATEST.plusSeconds(random.nextLong(-30 * 86400, 30 * 86400));
          default ->
              Instant.ofEpochSecond(
                  random.nextLong(
                      Instant.MIN.getEpochSecond() / 2, Instant.MAX.getEpochSecond() / 2));
        };
    return t.plusNanos(
        pick(
            random, 0L, 0L, 1L, 1_000L, 1_000_000L, 999_999_999L, random.nextLong(1_000_000_000L)));
  }

  private static WavePolicy policy(Random random) throws ConfigException {
    if (random.nextInt(3) == 0) {
      return WavePolicy.named(pick(random, "default", "accelerated", "ohno", "slow-roll"));
    }
    List<WavePolicy.Step> steps = new ArrayList<>();
    Duration after = Duration.ZERO;
    int pct = 0;
    for (int i = random.nextInt(5); i > 0 && pct < 100; i--) {
      after =
          after.plus(
              pick(
                  random,
                  Duration.ofMinutes(random.nextInt(120)),
                  Duration.ofDays(random.nextInt(30)),
                  Duration.ofDays(7L * random.nextLong(0xFFFF_FFFFL))));
      pct = Math.min(100, pct + 1 + random.nextInt(60));
      steps.add(new WavePolicy.Step(after, pct));
    }
    return new WavePolicy(steps);
  }

  private static Map<MigrationKey, List<String>> migrations(Random random) {
    Map<MigrationKey, List<String>> table = new LinkedHashMap<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      List<String> names = new ArrayList<>();
      for (int j = random.nextInt(3); j > 0; j--) {
        names.add(text(random, true));
      }
      table.put(new MigrationKey(version(random), version(random)), names);
    }
    return table;
  }

  /** Unknown fields as the reader keeps them: numbers of every JSON form, nesting, text. */
  private static UnknownFields unknownFields(Random random) throws Exception {
    String value =
        pick(
            random,
            "1",
            "-0",
            "1.0",
            "0.10",
            "1e400",
            "-2.5E-400",
            "123456789012345678901234567890",
            "true",
            "null",
            "[]",
            "{}",
            "{\"a\": [1, {\"b\": \"\\u0000\"}]}",
            "\"" + "\\u202e\\ud83d\\ude00" + "\"");
    String name = pick(random, "status", "note", "version", "\\n");
    return UnknownFields.of(
        JsonInput.parse(
            ("{\"" + name + "\": " + value + "}").getBytes(StandardCharsets.UTF_8), "generated"),
        UPDATE_FIELDS);
  }
}
