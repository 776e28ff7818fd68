package dev.keel.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GuidTest {
  @Test
  void bootTypeIsHackThePlanetOnDisk() {
    ByteBuffer b = ByteBuffer.allocate(16);
    PartitionType.BOOT.guid().toDisk(b, 0);
    assertEquals("hack the planet!", new String(b.array(), StandardCharsets.US_ASCII));
    ByteBuffer d = ByteBuffer.allocate(16);
    PartitionType.DATA.guid().toDisk(d, 0);
    // DATA's message reads in text order instead: its first three groups come out byte-swapped.
    assertEquals("bottledtharmarks", ascii(PartitionType.DATA.guid()));
    assertEquals("ttobeltdharmarks", new String(d.array(), StandardCharsets.US_ASCII));
  }

  private static String ascii(Guid g) {
    String hex = g.toString().replace("-", "");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      sb.append((char) Integer.parseInt(hex.substring(i, i + 2), 16));
    }
    return sb.toString();
  }

  @Test
  void mixedEndianKnownAnswer() {
    // EFI system partition C12A7328-F81F-11D2-BA4B-00A0C93EC93B, as it appears in a GPT entry
    byte[] onDisk = {
      0x28,
      0x73,
      0x2A,
      (byte) 0xC1,
      0x1F,
      (byte) 0xF8,
      (byte) 0xD2,
      0x11,
      (byte) 0xBA,
      0x4B,
      0x00,
      (byte) 0xA0,
      (byte) 0xC9,
      0x3E,
      (byte) 0xC9,
      0x3B
    };
    assertEquals(PartitionType.EFI_SYSTEM.guid(), Guid.fromDisk(ByteBuffer.wrap(onDisk), 0));
    ByteBuffer b = ByteBuffer.allocate(20);
    PartitionType.EFI_SYSTEM.guid().toDisk(b, 4);
    byte[] got = new byte[16];
    b.get(4, got);
    assertArrayEquals(onDisk, got);
  }

  @Test
  void textIsLowercaseRfc4122() {
    Guid g = Guid.parse("6B636168-7420-6568-2070-6C616E657421");
    assertEquals("6b636168-7420-6568-2070-6c616e657421", g.toString());
    assertThrows(IllegalArgumentException.class, () -> Guid.parse("6b636168-7420-6568-2070"));
  }

  @Test
  void randomIsVersion4() {
    Guid g = Guid.random(new Random(1));
    UUID u = UUID.fromString(g.toString());
    assertEquals(4, u.version());
    assertEquals(2, u.variant());
  }
}
