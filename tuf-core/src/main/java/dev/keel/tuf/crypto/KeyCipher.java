package dev.keel.tuf.crypto;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The CBC ciphers (PKCS#7 padding) that encrypted private key files use, named as PKCS#5 PBES2
 * names them (an OID) and as OpenSSL's {@code DEK-Info} header names them. Bouncy Castle's
 * lightweight engines, so reading a key never constructs a JCA provider.
 */
enum KeyCipher {
  AES_128_CBC(NISTObjectIdentifiers.id_aes128_CBC, "AES-128-CBC", 16, AESEngine::newInstance),
  AES_192_CBC(NISTObjectIdentifiers.id_aes192_CBC, "AES-192-CBC", 24, AESEngine::newInstance),
  AES_256_CBC(NISTObjectIdentifiers.id_aes256_CBC, "AES-256-CBC", 32, AESEngine::newInstance),
  DES_EDE3_CBC(PKCSObjectIdentifiers.des_EDE3_CBC, "DES-EDE3-CBC", 24, DESedeEngine::new);

  private final ASN1ObjectIdentifier oid;
  private final String openSslName;
  private final int keyBytes;
  private final Supplier<BlockCipher> engine;

  KeyCipher(
      ASN1ObjectIdentifier oid, String openSslName, int keyBytes, Supplier<BlockCipher> engine) {
    this.oid = oid;
    this.openSslName = openSslName;
    this.keyBytes = keyBytes;
    this.engine = engine;
  }

  static Optional<KeyCipher> byOid(ASN1ObjectIdentifier oid) {
    for (KeyCipher cipher : values()) {
      if (cipher.oid.equals(oid)) {
        return Optional.of(cipher);
      }
    }
    return Optional.empty();
  }

  static Optional<KeyCipher> byOpenSslName(String name) {
    for (KeyCipher cipher : values()) {
      if (cipher.openSslName.equalsIgnoreCase(name)) {
        return Optional.of(cipher);
      }
    }
    return Optional.empty();
  }

  ASN1ObjectIdentifier oid() {
    return oid;
  }

  int keyBytes() {
    return keyBytes;
  }

  int ivBytes() {
    return engine.get().getBlockSize();
  }

  /**
   * Encrypts or decrypts {@code data} in one go.
   *
   * @throws InvalidCipherTextException if the padding of decrypted data is wrong (a wrong key)
   */
  byte[] apply(boolean encrypt, byte[] key, byte[] iv, byte[] data)
      throws InvalidCipherTextException {
    BufferedBlockCipher cipher =
        new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(engine.get()), new PKCS7Padding());
    cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
    byte[] out = new byte[cipher.getOutputSize(data.length)];
    int length = cipher.processBytes(data, 0, data.length, out, 0);
    length += cipher.doFinal(out, length);
    return length == out.length ? out : Arrays.copyOf(out, length);
  }
}
