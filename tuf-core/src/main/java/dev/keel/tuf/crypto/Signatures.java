package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.Signature;
import java.util.HexFormat;

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
    byte[] sig = signer.sign(canonicalSigned.toByteArray());
    return new Signature(signer.keyId(), HexFormat.of().formatHex(sig));
  }
}
