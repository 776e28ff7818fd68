package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes private keys as PEM (and reads binary PKCS#8, as tough does).
 *
 * <p>Reads: PKCS#8 ({@code BEGIN PRIVATE KEY}), encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE
 * KEY}, PBES2 as OpenSSL writes it), and the traditional OpenSSL forms {@code BEGIN RSA PRIVATE KEY}
 * (what {@code tuftool root gen-rsa-key} and {@code openssl genrsa -traditional} write) and
 * {@code BEGIN EC PRIVATE KEY} (optionally preceded by {@code EC PARAMETERS}, optionally encrypted
 * with {@code Proc-Type}/{@code DEK-Info} headers). {@link #read} also takes a binary (DER)
 * unencrypted PKCS#8 file, the form tough expects for Ed25519 and ECDSA keys. A passphrase given for
 * an unencrypted key is ignored.
 *
 * <p>Writes: PKCS#8, optionally encrypted with AES-256-CBC under a PBKDF2-HMAC-SHA256 key
 * ({@value #PBKDF2_ITERATIONS} iterations, random salt and IV). Bouncy Castle's JCA provider is
 * used only for password-based encryption, as an instance passed explicitly, never registered.
 */
public final class PrivateKeys {
  /** PBKDF2-HMAC-SHA256 iterations for newly encrypted keys (OWASP 2023 guidance). */
  public static final int PBKDF2_ITERATIONS = 600_000;
  /** Bouncy Castle for PBES2 only; passed to each builder, never registered with the JVM. */
  private static final java.security.Provider PROVIDER = new BouncyCastleProvider();
  private static final String PRIVATE_KEY = "PRIVATE KEY";
  private static final byte DER_SEQUENCE = 0x30;

  private PrivateKeys() {}

  /**
   * Reads a private key file.
   *
   * @throws KeyException {@link Reason#IO} if the file cannot be read; otherwise as
   *     {@link #fromPem}, with the file named in the message
   */
  public static SigningKey read(Path file, Optional<char[]> passphrase) throws KeyException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KeyException(Reason.IO, file + ": cannot read key file", e);
    }
    if (content.length > 0 && content[0] == DER_SEQUENCE) {
      return fromDer(content, file.toString());
    }
    return fromPem(new String(content, StandardCharsets.US_ASCII), passphrase, file.toString());
  }

  /**
   * Parses an unencrypted binary (DER) PKCS#8 private key, the form tough reads Ed25519 and ECDSA
   * keys in.
   *
   * @throws KeyException as {@link #fromPem}
   */
  public static SigningKey fromDer(byte[] der, String source) throws KeyException {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new KeyException(Reason.MALFORMED, source + ": not a DER PKCS#8 private key", e);
    }
    return signingKey(info, source);
  }

  /**
   * Parses a PEM private key.
   *
   * @param source names the key in messages, e.g. a file name or "PEM"
   * @throws KeyException {@link Reason#MALFORMED} if no private key can be decoded,
   *     {@link Reason#PASSPHRASE_REQUIRED} for an encrypted key without a passphrase,
   *     {@link Reason#WRONG_PASSPHRASE} if decryption fails, {@link Reason#UNSUPPORTED} for a key
   *     algorithm, curve or cipher we do not support, {@link Reason#KEY_SIZE} for RSA outside
   *     2048..8192 bits
   */
  public static SigningKey fromPem(String pem, Optional<char[]> passphrase, String source) throws KeyException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof ASN1ObjectIdentifier || object instanceof X9ECParameters) {
          continue; // an "EC PARAMETERS" block before "EC PRIVATE KEY", as openssl ecparam writes it
        }
        return signingKey(privateKeyInfo(object, passphrase, source), source);
      }
    } catch (IOException | RuntimeException e) {
      throw new KeyException(Reason.MALFORMED, source + ": not a readable PEM private key", e);
    }
    throw new KeyException(Reason.MALFORMED, source + ": no PEM private key found");
  }

  /** The key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), with a trailing newline. */
  public static String toPem(SigningKey key) throws KeyException {
    try {
      return pem(new PemObject(PRIVATE_KEY, privateKeyInfo(key).getEncoded()));
    } catch (IOException e) {
      throw new KeyException(Reason.MALFORMED, "cannot encode key " + key.keyId() + " as PKCS#8", e);
    }
  }

  /**
   * The key as encrypted PKCS#8 PEM ({@code BEGIN ENCRYPTED PRIVATE KEY}): PBES2 with
   * PBKDF2-HMAC-SHA256 and AES-256-CBC, readable by OpenSSL.
   */
  public static String toEncryptedPem(SigningKey key, char[] passphrase) throws KeyException {
    PrivateKeyInfo info = privateKeyInfo(key);
    OutputEncryptor encryptor;
    try {
      encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
          .setProvider(PROVIDER)
          .setRandom(new SecureRandom())
          .setPRF(PKCS8Generator.PRF_HMACSHA256)
          .setIterationCount(PBKDF2_ITERATIONS)
          .setPassword(passphrase)
          .build();
    } catch (OperatorCreationException e) {
      throw new KeyException(Reason.UNSUPPORTED, "cannot set up PKCS#8 encryption for key " + key.keyId(), e);
    }
    return pem(new PKCS8Generator(info, encryptor));
  }

  /**
   * Writes the key to a new file readable only by its owner (where the file system has POSIX
   * permissions), encrypted if a passphrase is given. Never overwrites.
   *
   * @throws KeyException ({@link Reason#IO}) if the file exists or cannot be written
   */
  public static void write(Path file, SigningKey key, Optional<char[]> passphrase) throws KeyException {
    String pem = passphrase.isPresent() ? toEncryptedPem(key, passphrase.get()) : toPem(key);
    try {
      createOwnerOnly(file);
    } catch (FileAlreadyExistsException e) {
      throw new KeyException(Reason.IO, file + ": key file already exists", e);
    } catch (IOException e) {
      throw new KeyException(Reason.IO, file + ": cannot create key file", e);
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(pem.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      // Never leave an empty or partial key file behind: it would block every retry.
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // The write failure is what the caller needs to see.
      }
      throw new KeyException(Reason.IO, file + ": cannot write key file", e);
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      Files.createFile(file, ownerOnly);
    } else {
      Files.createFile(file);
    }
  }

  private static PrivateKeyInfo privateKeyInfo(Object pemObject, Optional<char[]> passphrase, String source)
      throws KeyException {
    if (pemObject instanceof PrivateKeyInfo info) {
      return info;
    }
    if (pemObject instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    }
    if (pemObject instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
      char[] pass = requirePassphrase(passphrase, source);
      try {
        return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
            .setProvider(PROVIDER).build(pass));
      } catch (OperatorCreationException e) {
        throw new KeyException(Reason.UNSUPPORTED, source + ": unsupported key encryption", e);
      } catch (PKCSException | RuntimeException e) {
        throw new KeyException(Reason.WRONG_PASSPHRASE, source + ": wrong passphrase or corrupt key", e);
      }
    }
    if (pemObject instanceof PEMEncryptedKeyPair encrypted) {
      char[] pass = requirePassphrase(passphrase, source);
      try {
        return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
            .setProvider(PROVIDER).build(pass)).getPrivateKeyInfo();
      } catch (IOException | RuntimeException e) {
        throw new KeyException(Reason.WRONG_PASSPHRASE, source + ": wrong passphrase or corrupt key", e);
      }
    }
    if (pemObject instanceof SubjectPublicKeyInfo) {
      throw new KeyException(Reason.MALFORMED, source + ": holds a public key, not a private key");
    }
    throw new KeyException(Reason.UNSUPPORTED, source + ": PEM block is not a private key ("
        + pemObject.getClass().getSimpleName() + ")");
  }

  private static char[] requirePassphrase(Optional<char[]> passphrase, String source) throws KeyException {
    return passphrase.orElseThrow(() -> new KeyException(Reason.PASSPHRASE_REQUIRED,
        source + ": key is encrypted and no passphrase was given"));
  }

  private static SigningKey signingKey(PrivateKeyInfo info, String source) throws KeyException {
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw new KeyException(Reason.MALFORMED, source + ": private key of type "
          + info.getPrivateKeyAlgorithm().getAlgorithm() + " does not decode", e);
    }
    if (key instanceof Ed25519PrivateKeyParameters ed25519) {
      return new Ed25519KeySigner(ed25519);
    }
    if (key instanceof ECPrivateKeyParameters ec) {
      return EcdsaP256KeySigner.of(ec, source);
    }
    if (key instanceof RSAPrivateCrtKeyParameters rsa) {
      return RsaPssKeySigner.of(rsa, source);
    }
    throw new KeyException(Reason.UNSUPPORTED, source + ": unsupported private key algorithm "
        + info.getPrivateKeyAlgorithm().getAlgorithm());
  }

  private static PrivateKeyInfo privateKeyInfo(SigningKey key) throws KeyException {
    try {
      if (key.privateKeyParameters() instanceof Ed25519PrivateKeyParameters ed25519) {
        // Version 1 (seed only), as openssl genpkey writes it: OpenSSL 3.0 cannot read the
        // version 2 form with the public key that Bouncy Castle would write.
        return new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
            new DEROctetString(ed25519.getEncoded()));
      }
      return PrivateKeyInfoFactory.createPrivateKeyInfo(key.privateKeyParameters());
    } catch (IOException e) {
      throw new KeyException(Reason.MALFORMED, "cannot encode key " + key.keyId() + " as PKCS#8", e);
    }
  }

  private static String pem(PemObjectGenerator generator) throws KeyException {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(generator);
    } catch (IOException e) {
      throw new KeyException(Reason.MALFORMED, "cannot encode private key as PEM", e);
    }
    return out.toString();
  }
}
