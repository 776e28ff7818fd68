package dev.keel.tuf.trust;

import dev.keel.tuf.error.LengthOrHashMismatchException;
import dev.keel.tuf.model.HashAlgorithm;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks bytes against signed lengths and hashes. Every listed hash we support is checked; listed
 * algorithms we do not know are skipped, but at least one must be known.
 */
public final class HashCheck {
  private HashCheck() {}

  /** Digests for every supported algorithm in {@code expected}, to be fed while streaming. */
  public static Map<HashAlgorithm, MessageDigest> digestsFor(
      String what, Map<String, String> expected) throws LengthOrHashMismatchException {
    Map<HashAlgorithm, MessageDigest> digests = new EnumMap<>(HashAlgorithm.class);
    expected
        .keySet()
        .forEach(
            name -> HashAlgorithm.fromTufName(name).ifPresent(a -> digests.put(a, a.newDigest())));
    if (digests.isEmpty() && !expected.isEmpty()) {
      throw new LengthOrHashMismatchException(
          what, "none of the listed hash algorithms is supported: " + expected.keySet());
    }
    return digests;
  }

  /** Compares finished digests with the expected hex values, in constant time. */
  public static void verifyDigests(
      String what, Map<String, String> expected, Map<HashAlgorithm, MessageDigest> digests)
      throws LengthOrHashMismatchException {
    for (Map.Entry<HashAlgorithm, MessageDigest> e : digests.entrySet()) {
      String hex = expected.get(e.getKey().tufName());
      byte[] want;
      try {
        want = HexFormat.of().parseHex(hex);
      } catch (IllegalArgumentException ex) {
        throw new LengthOrHashMismatchException(
            what, e.getKey().tufName() + " is not valid hex: " + hex);
      }
      byte[] actual = e.getValue().digest();
      if (!MessageDigest.isEqual(want, actual)) {
        throw new LengthOrHashMismatchException(
            what,
            e.getKey().tufName()
                + " mismatch: expected "
                + hex
                + ", got "
                + HexFormat.of().formatHex(actual));
      }
    }
  }

  /** Checks bytes in memory against an optional length and the listed hashes. */
  public static void verify(
      String what, OptionalLong expectedLength, Map<String, String> expectedHashes, byte[] data)
      throws LengthOrHashMismatchException {
    if (expectedLength.isPresent() && expectedLength.getAsLong() != data.length) {
      throw new LengthOrHashMismatchException(
          what, "expected " + expectedLength.getAsLong() + " bytes, got " + data.length);
    }
    Map<HashAlgorithm, MessageDigest> digests = digestsFor(what, expectedHashes);
    digests.values().forEach(d -> d.update(data));
    verifyDigests(what, expectedHashes, digests);
  }
}
