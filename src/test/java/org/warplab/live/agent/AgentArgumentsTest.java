package org.warplab.live.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Structured agent options are records in JSON: written by the runner, read back whole by the agent, or refused with the reason. */
class AgentArgumentsTest {

    @Test
    void eachRecordReadsBackAsWritten() {
        AgentArguments.SwitchRule rule = new AgentArguments.SwitchRule("172.16.10.2", "ADC", "delete element ip t s { 172.16.10.2 }; add element ip t s { 1=2 }");
        AgentArguments.HomeBinding binding = new AgentArguments.HomeBinding("2001:db8:1::100", "2001:db8:2::5", "/tmp/x, with a comma/binding.batch");
        AgentArgs args = new AgentArgs(List.of("--rule", AgentArguments.encode(rule), "--binding", AgentArguments.encode(binding)));
        assertEquals(List.of(rule), args.all("rule", AgentArguments.SwitchRule.class));
        assertEquals(List.of(binding), args.all("binding", AgentArguments.HomeBinding.class), "a comma in a path is no longer a separator");
    }

    @Test
    void aValueThatIsNotTheRecordSaysWhichOptionAndWhatItNeeds() {
        AgentArgs old = new AgentArgs(List.of("--rule", "172.16.10.2@ADC=delete element ip t s { 172.16.10.2 }"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> old.all("rule", AgentArguments.SwitchRule.class));
        assertTrue(e.getMessage().startsWith("--rule takes a JSON SwitchRule (String vm, String location, String nftCommand); got '172.16.10.2@ADC="),
                e.getMessage());
        AgentArgs missing = new AgentArgs(List.of("--vm", "{\"mac\":\"52:54:00:00:00:01\"}"));
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> missing.all("vm", AgentArguments.WatchedVm.class));
        assertTrue(m.getMessage().contains("address"), m.getMessage());
    }
}
