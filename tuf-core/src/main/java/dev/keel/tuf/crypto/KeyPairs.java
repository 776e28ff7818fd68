package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/**
 * Generates new signing keys. RSA keys default to {@value #DEFAULT_RSA_BITS} bits (the size TUF and
 * securesystemslib recommend) with public exponent 65537.
 */
public final class KeyPairs {
  public static final int DEFAULT_RSA_BITS = 3072;
  private static final BigInteger RSA_EXPONENT = BigInteger.valueOf(65537);

  /** Miller-Rabin certainty (error probability below 2^-128). */
  private static final int PRIME_CERTAINTY = 128;

  private KeyPairs() {}

  /** A new key for {@code scheme} from a fresh {@link SecureRandom}. */
  public static SigningKey generate(KeyScheme scheme) {
    return generate(scheme, new SecureRandom());
  }

  /**
   * A new key for {@code scheme} drawn from {@code random} (pass a seeded generator only in tests).
   */
  public static SigningKey generate(KeyScheme scheme, SecureRandom random) {
    try {
      return switch (scheme) {
        case ED25519 -> new Ed25519KeySigner(new Ed25519PrivateKeyParameters(random));
        case ECDSA_P256 -> {
          ECKeyPairGenerator generator = new ECKeyPairGenerator();
          generator.init(new ECKeyGenerationParameters(P256.DOMAIN, random));
          yield EcdsaP256KeySigner.of(
              (ECPrivateKeyParameters) generator.generateKeyPair().getPrivate(), "new key");
        }
        case RSA_PSS_SHA256 -> generateRsa(DEFAULT_RSA_BITS, random);
      };
    } catch (KeyException e) {
      // A freshly generated key of a supported size always passes the checks.
      throw new IllegalStateException(e);
    }
  }

  /**
   * A new RSA-PSS key of {@code bits} bits from a fresh {@link SecureRandom}.
   *
   * @throws KeyException ({@link KeyException.Reason#KEY_SIZE}) unless 2048 &lt;= bits &lt;= 8192
   */
  public static SigningKey generateRsa(int bits) throws KeyException {
    return generateRsa(bits, new SecureRandom());
  }

  /**
   * A new RSA-PSS key of {@code bits} bits drawn from {@code random}.
   *
   * @throws KeyException ({@link KeyException.Reason#KEY_SIZE}) unless 2048 &lt;= bits &lt;= 8192
   */
  public static SigningKey generateRsa(int bits, SecureRandom random) throws KeyException {
    if (bits < RsaKeys.MIN_BITS || bits > RsaKeys.MAX_BITS) {
      throw new KeyException(
          Reason.KEY_SIZE,
          "RSA key size "
              + bits
              + " is outside "
              + RsaKeys.MIN_BITS
              + ".."
              + RsaKeys.MAX_BITS
              + " bits");
    }
    RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
    generator.init(new RSAKeyGenerationParameters(RSA_EXPONENT, random, bits, PRIME_CERTAINTY));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return RsaPssKeySigner.of((RSAPrivateCrtKeyParameters) pair.getPrivate(), "new key");
  }
}
