package dev.keel.tuf.error;

/** One signature did not verify under the key it names. Threshold checks count it as absent. */
public final class SignatureInvalidException extends RepositoryException {
  private final String keyId;

  public SignatureInvalidException(String keyId, String problem) {
    super("signature by key " + keyId + ": " + problem);
    this.keyId = keyId;
  }

  public SignatureInvalidException(String keyId, String problem, Throwable cause) {
    super("signature by key " + keyId + ": " + problem, cause);
    this.keyId = keyId;
  }

  public String keyId() {
    return keyId;
  }
}
