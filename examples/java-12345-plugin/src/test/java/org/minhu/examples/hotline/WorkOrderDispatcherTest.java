package org.minhu.examples.hotline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.minhu.Decision;

/** The plug-in class as a platform calls it, without HTTP. */
class WorkOrderDispatcherTest {
  @Test
  void workOrderInDecisionOut() {
    try (WorkOrderDispatcher plugin =
             new WorkOrderDispatcher(HotlineServerTest.fixture("routing.json"))) {
      final Decision d = plugin.handle(new WorkOrder("GD-1").setTitle("电梯")
          .setContent("锦绣家园3栋电梯坏了一周，物业一直不修").setSource("hotline"));
      assertEquals("GD-1", d.getId());
      assertEquals("property", d.getCategory());
      assertEquals("pm-b-jx", d.getLead());
      assertEquals("small", d.getTier());
      assertTrue(d.getAssisting().isEmpty());
      assertFalse(d.getExplanation().isEmpty());
      // the property manager returns it (退回): someone else owns it now
      final Decision again = plugin.handleReturned(new WorkOrder("GD-1")
          .setContent("锦绣家园3栋电梯坏了一周，物业一直不修"), Arrays.asList("pm-b-jx"));
      assertFalse(again.getLead().equals("pm-b-jx"), again.toString());
    }
  }
}
