package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.json.CanonicalJson;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.Signature;
import dev.keel.tuf.model.Signed;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Makes TUF signature entries. */
public final class Signatures {
  private Signatures() {}

  /**
   * Signs {@code canonicalSigned} (the canonical JSON of a {@code signed} object) and returns the
   * {@code {"keyid", "sig"}} entry with a lowercase hex signature.
   *
   * @throws KeyException if the signer fails
   */
  public static Signature sign(Signer signer, Bytes canonicalSigned) throws KeyException {
    return sign(signer, signer.keyId(), canonicalSigned.toByteArray());
  }

  /**
   * Same, under the key id a role lists for this key (which need not be the computed one in
   * metadata from other tools).
   */
  public static Signature sign(Signer signer, String listedKeyId, byte[] canonicalSigned)
      throws KeyException {
    return new Signature(listedKeyId, HexFormat.of().formatHex(signer.sign(canonicalSigned)));
  }

  /** Signs {@code payload} with every signer and returns the metadata file's bytes. */
  public static byte[] signedFile(Signed payload, List<? extends Signer> signers)
      throws TufException {
    byte[] canonical = CanonicalJson.encode(payload.toJson());
    List<Signature> signatures = new ArrayList<>();
    for (Signer signer : signers) {
      signatures.add(sign(signer, signer.keyId(), canonical));
    }
    return MetadataCodec.serialize(payload, signatures);
  }
}
