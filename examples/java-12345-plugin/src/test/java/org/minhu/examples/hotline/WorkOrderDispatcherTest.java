package org.minhu.examples.hotline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minhu.CaseInfo;
import org.minhu.Decision;
import org.minhu.MinhuException;

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

  @Test
  void casesSurviveARestartWithAJournal(@TempDir Path dir) {
    final String journal = dir.resolve("cases.db").toString();
    final long t0 = 1772413200000L;  // 2026-03-02 09:00 +08:00
    try (WorkOrderDispatcher plugin = new WorkOrderDispatcher(
             HotlineServerTest.fixture("sla.json"), journal, () -> t0 + 3_600_000L)) {
      final Decision d = plugin.handle(new WorkOrder("GD-7").setContent("楼下噪音")
          .setGridCode("comm-a").setAcceptTime(t0));
      assertEquals("comm-a-office", d.getLead());
      assertEquals(1772420400000L, plugin.caseOf("GD-7").getAcknowledgeDue());
      plugin.cases().acknowledge("GD-7", plugin.now());
      assertEquals("invalid_state",
          assertThrows(MinhuException.class, () -> plugin.handle(new WorkOrder("GD-7")))
              .getCode());
    }
    try (WorkOrderDispatcher again =
             new WorkOrderDispatcher(HotlineServerTest.fixture("sla.json"), journal)) {
      final CaseInfo c = again.caseOf("GD-7");
      assertEquals("acknowledged", c.getState());
      assertEquals(t0 + 3_600_000L, c.getAcknowledgedAt());
      assertEquals(1, again.metrics("street-a").getVolume());
      assertEquals(1, again.metrics(null).getAcknowledgedOnTime());
    }
  }
}
