package dev.keel.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keel.datastore.Committed;
import dev.keel.datastore.Key;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationStepsTest {
  @Test
  void stepsRunInOrderForwardAndInReverseBackward() throws Exception {
    Migration m =
        MigrationSteps.parse(
            """
        # 1.1.0
        add\tsettings.a\t1
        rename\tsettings.a\tsettings.b
        replace\tsettings.b\t1\t2

        remove\tsettings.gone
        """);
    MigrationData d =
        new MigrationData(
            Committed.LIVE, Map.of(Key.parse("settings.gone"), TextNode.valueOf("x")), Map.of());
    m.forward(d);
    assertEquals(Map.of(Key.parse("settings.b"), IntNode.valueOf(2)), d.data());
    m.backward(d);
    assertTrue(d.data().isEmpty(), d.data().toString());
  }

  @Test
  void badLinesAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MigrationSteps.parse("add\tsettings.a\t1\nrename\tsettings.a"));
    assertTrue(e.getMessage().startsWith("line 2"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> MigrationSteps.parse("add\tsettings.a\tnot-json"));
    assertThrows(IllegalArgumentException.class, () -> MigrationSteps.parse("frobnicate\tx"));
    assertThrows(IllegalArgumentException.class, () -> MigrationSteps.parse("remove\tbad key"));
  }
}
