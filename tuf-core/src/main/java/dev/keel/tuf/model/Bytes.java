package dev.keel.tuf.model;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string, so records never hold a mutable {@code byte[]}. */
public final class Bytes {
  private static final HexFormat HEX = HexFormat.of();
  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  public static Bytes copyOf(byte[] data) {
    return new Bytes(data.clone());
  }

  /** Takes ownership of {@code data}: the caller must not change it afterwards. */
  public static Bytes wrap(byte[] data) {
    return new Bytes(data);
  }

  public static Bytes fromHex(String hex) {
    return new Bytes(HEX.parseHex(hex));
  }

  public byte[] toByteArray() {
    return data.clone();
  }

  public int length() {
    return data.length;
  }

  public String hex() {
    return HEX.formatHex(data);
  }

  /** Compares in constant time with respect to the content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && java.security.MessageDigest.isEqual(data, other.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return data.length <= 32 ? hex() : hex().substring(0, 64) + "...(" + data.length + " bytes)";
  }
}
