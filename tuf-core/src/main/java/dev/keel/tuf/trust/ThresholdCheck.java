package dev.keel.tuf.trust;

import dev.keel.tuf.crypto.Verifier;
import dev.keel.tuf.crypto.VerifierFactory;
import dev.keel.tuf.crypto.Verifiers;
import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.SignatureInvalidException;
import dev.keel.tuf.error.UnsignedMetadataException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.Key;
import dev.keel.tuf.model.RoleKeys;
import dev.keel.tuf.model.Signature;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one threshold routine, for root and delegated roles alike (TUF spec 5.3.4, 5.3.5, 5.4.3,
 * 5.5.3, 5.6.3, 5.6.7.2): counts the distinct authorised keys that validly signed the canonical
 * bytes of a {@code signed} object.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Only key ids listed for the role and present in the known keys can count.
 *   <li>A signature list names each key id at most once (TUF 1.0 §4.2). Parsed metadata that names
 *       one twice is refused as malformed by {@link dev.keel.tuf.model.MetadataCodec}, so a list
 *       with a repeated key id reaching this check is a caller's bug ({@link
 *       IllegalArgumentException}).
 *   <li>Two key ids for the same public key material count once (the key's SubjectPublicKeyInfo is
 *       compared, so a different keyid string, keytype alias or point encoding does not help).
 *   <li>Unknown or unauthorised key ids, signatures that are not hex or do not verify, and keys of
 *       unsupported type or scheme or with a malformed value never count and never cause an
 *       exception: an attacker cannot turn junk signatures into a failure of valid ones.
 * </ul>
 *
 * <p>Pure: no IO, no clock, no shared state; safe to use from several threads.
 */
public final class ThresholdCheck {
  private final VerifierFactory verifiers;

  /** A check that builds verifiers with {@link Verifiers#forKey}. */
  public ThresholdCheck() {
    this(Verifiers::forKey);
  }

  public ThresholdCheck(VerifierFactory verifiers) {
    this.verifiers = verifiers;
  }

  /**
   * Counts valid signatures.
   *
   * @param roleKeys the role's authorised key ids and threshold
   * @param keys the keys known to the delegating role ({@code root.keys} or {@code
   *     delegations.keys})
   * @param canonicalSigned the canonical JSON of the received {@code signed} object
   * @param signatures the metadata's signatures, untrusted, each naming a different key id
   * @throws IllegalArgumentException if two signatures name the same key id
   */
  public VerificationResult check(
      RoleKeys roleKeys, Map<String, Key> keys, Bytes canonicalSigned, List<Signature> signatures) {
    Set<String> authorised = new LinkedHashSet<>(roleKeys.keyIds());
    byte[] data = canonicalSigned.toByteArray();
    Map<String, Optional<Verifier>> verifierByKeyId = new HashMap<>();
    Set<String> signed = new LinkedHashSet<>();
    Set<Bytes> signedKeyMaterial = new HashSet<>();
    Set<String> seen = new HashSet<>();
    for (Signature signature : signatures) {
      if (!seen.add(signature.keyId())) {
        throw new IllegalArgumentException("two signatures name key id " + signature.keyId());
      }
    }

    for (Signature signature : signatures) {
      String keyId = signature.keyId();
      if (!authorised.contains(keyId)) {
        continue;
      }
      Optional<Verifier> verifier =
          verifierByKeyId.computeIfAbsent(keyId, id -> verifierFor(keys.get(id)));
      Optional<byte[]> sig = decodeHex(signature.sig());
      if (verifier.isEmpty() || sig.isEmpty()) {
        continue;
      }
      Optional<Bytes> material = verifier.get().subjectPublicKeyInfo();
      if (material.isPresent() && signedKeyMaterial.contains(material.get())) {
        continue; // same key already counted under another id
      }
      try {
        verifier.get().verify(data, sig.get());
      } catch (SignatureInvalidException e) {
        continue;
      }
      signed.add(keyId);
      material.ifPresent(signedKeyMaterial::add);
    }

    Set<String> unsigned = new LinkedHashSet<>(authorised);
    unsigned.removeAll(signed);
    return new VerificationResult(signed, unsigned, roleKeys.threshold());
  }

  /**
   * Like {@link #check}, but fails unless the threshold is met.
   *
   * @param role the role's name, for the exception
   * @throws UnsignedMetadataException if fewer than {@code roleKeys.threshold()} distinct
   *     authorised keys signed; it carries the role, threshold and verified count
   */
  public VerificationResult require(
      String role,
      RoleKeys roleKeys,
      Map<String, Key> keys,
      Bytes canonicalSigned,
      List<Signature> signatures)
      throws UnsignedMetadataException {
    VerificationResult result = check(roleKeys, keys, canonicalSigned, signatures);
    if (!result.isVerified()) {
      throw new UnsignedMetadataException(role, result.threshold(), result.verifiedCount());
    }
    return result;
  }

  private Optional<Verifier> verifierFor(Key key) {
    if (key == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(verifiers.forKey(key));
    } catch (KeyException e) {
      return Optional.empty(); // unsupported or malformed keys never count
    }
  }

  private static Optional<byte[]> decodeHex(String hex) {
    try {
      return Optional.of(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
