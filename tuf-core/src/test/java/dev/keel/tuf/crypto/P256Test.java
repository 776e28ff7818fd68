package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.junit.jupiter.api.Test;

class P256Test {
  @Test
  void recognisesP256WhateverCurveImplementation() {
    assertTrue(P256.matches(P256.DOMAIN));
    assertTrue(P256.matches(new ECDomainParameters(SECNamedCurves.getByName("secp256r1"))));
    assertFalse(P256.matches(new ECDomainParameters(SECNamedCurves.getByName("secp384r1"))));
    assertFalse(P256.matches(new ECDomainParameters(SECNamedCurves.getByName("secp256k1"))));
  }

  @Test
  void rejectsInvalidPoints() {
    assertThrows(IllegalArgumentException.class, () -> P256.publicKey(new byte[] {0}));
    assertThrows(IllegalArgumentException.class, () -> P256.publicKey(new byte[65]));
    byte[] offCurve = P256.DOMAIN.getG().getEncoded(false);
    offCurve[64] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> P256.publicKey(offCurve));
  }
}
