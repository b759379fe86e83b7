package org.warplab.live.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.warplab.config.Nftables;
import org.warplab.model.IpAddress;
import org.warplab.scheme.VmLocation;
import org.warplab.testing.Tools;

class NetlinkMapSwitchTest {

    private static final String SWITCH = "delete element ip warplab_paging vm_location { 172.16.10.2 }; "
            + "add element ip warplab_paging vm_location { 172.16.10.2 : jump at_ADC }";

    @Test
    void aGeneratedSwitchBecomesOneBatchOfTwoAcknowledgedChanges() {
        NetlinkMapSwitch batch = NetlinkMapSwitch.of(SWITCH).orElseThrow();
        assertEquals(SWITCH, batch.rule());
        byte[] bytes = NetlinkMapSwitch.batch(2, "warplab_paging", "vm_location", new byte[] {(byte) 172, 16, 10, 2}, "at_ADC");
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        List<String> messages = new ArrayList<>();
        while (in.hasRemaining()) {
            int start = in.position();
            int length = in.getInt(start);
            messages.add((in.getShort(start + 4) & 0xffff) + "/" + Integer.toHexString(in.getShort(start + 6) & 0xffff) + "/seq" + in.getInt(start + 8)
                    + "/family" + bytes[start + 16]);
            in.position(start + length);
        }
        // what nft --debug=mnl shows for the generated file: batch begin, DELSETELEM, NEWSETELEM, batch end
        // (types 16, 10 << 8 | 14, 10 << 8 | 12, 17); the element messages here ask for an acknowledgement
        assertEquals(List.of("16/1/seq0/family0", "2574/5/seq1/family2", "2572/405/seq2/family2", "17/1/seq3/family0"), messages);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("warplab_paging\0") && text.contains("vm_location\0") && text.contains("at_ADC\0"));
        assertTrue(text.contains("\u00ff\u00ff\u00ff\u00fd"), "the jump verdict, -3 in network order");
    }

    @Test
    void whatTheGeneratorWritesIsWhatItTakesAndAnythingElseIsLeftToNft() {
        IpAddress vm = IpAddress.parse("172.16.10.2");
        String generated = Nftables.switchCommands(new VmLocation("R3", "vm1", vm, "PDC", IpAddress.parse("172.15.10.2")),
                new VmLocation("R3", "vm1", vm, "ADC", vm));
        assertTrue(NetlinkMapSwitch.of(generated).isPresent(), generated);
        assertTrue(NetlinkMapSwitch.of(String.join("; ", generated.strip().split("\n"))).isPresent(), "as the runner joins the file's lines");
        assertTrue(NetlinkMapSwitch.of("delete element ip6 warplab_paging vm_location { 2001:db8::10 }; "
                + "add element ip6 warplab_paging vm_location { 2001:db8::10 : jump at_ADC }").isPresent());
        for (String other : List.of("flush ruleset",
                "delete element ip warplab_paging vm_location { 172.16.10.2 }",
                "delete element ip t m { 172.16.10.2 }; add element ip t m { 172.16.10.3 : jump at_ADC }",
                "delete element ip t m { vm.example }; add element ip t m { vm.example : jump at_ADC }",
                "delete element ip t m { 2001:db8::1 }; add element ip t m { 2001:db8::1 : jump at_ADC }",
                "delete element inet t m { 172.16.10.2 }; add element inet t m { 172.16.10.2 : accept }")) {
            assertTrue(NetlinkMapSwitch.of(other).isEmpty(), other);
        }
    }

    /** The kernel as the judge: the batch switches a real map (a table without hooks, in this host's namespace). */
    @Test
    @Tag("live")
    void theKernelTakesTheBatchAndRefusesAMissingElement() {
        Tools.requireRoot();
        Tools.require("nft");
        String table = "wl_netlink_switch_test";
        String load = "table ip " + table + " {\n map vm_location {\n  type ipv4_addr : verdict\n  elements = { 172.16.10.2 : jump at_PDC }\n }\n"
                + " chain at_PDC {\n }\n chain at_ADC {\n }\n}\n";
        Tools.run(List.of("nft", "delete", "table", "ip", table));
        assertEquals(0, Tools.run(List.of("nft", "-f", "-"), load).exit());
        NetlinkMapSwitch toAdc = NetlinkMapSwitch.of(SWITCH.replace("warplab_paging", table)).orElseThrow();
        NetlinkMapSwitch toPdc = NetlinkMapSwitch.of(SWITCH.replace("warplab_paging", table).replace("at_ADC", "at_PDC")).orElseThrow();
        try {
            assertNull(toAdc.warmUp(10));
            assertNull(toAdc.apply());
            assertTrue(element(table).contains("172.16.10.2 : jump at_ADC"), element(table));
            assertNull(toPdc.apply());
            assertTrue(element(table).contains("172.16.10.2 : jump at_PDC"), element(table));
            Tools.run(List.of("nft", "delete", "element", "ip", table, "vm_location", "{ 172.16.10.2 }"));
            String refused = toAdc.apply();
            assertNotNull(refused, "deleting an element that is not there fails the whole batch");
            assertTrue(refused.contains("errno 2"), refused);
            assertTrue(!element(table).contains("172.16.10.2"), "and nothing of it is applied: " + element(table));
        } finally {
            toAdc.close();
            toPdc.close();
            Tools.run(List.of("nft", "delete", "table", "ip", table));
        }
    }

    private static String element(String table) {
        return Tools.run(List.of("nft", "list", "map", "ip", table, "vm_location")).output();
    }
}
