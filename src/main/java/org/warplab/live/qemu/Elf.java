package org.warplab.live.qemu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The few facts about 64-bit little-endian ELF files the guest build needs. */
final class Elf {

    private static final int PT_INTERP = 3;
    private static final int PT_NOTE = 4;
    /** XEN_ELFNOTE_PHYS32_ENTRY: the 32-bit entry point QEMU uses to boot a kernel in PVH mode. */
    private static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;

    private Elf() {
    }

    static boolean isElf(byte[] bytes) {
        return bytes.length > 64 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
    }

    private static boolean isElf64LittleEndian(byte[] bytes) {
        return isElf(bytes) && bytes[4] == 2 && bytes[5] == 1;
    }

    /** True for an executable that needs no dynamic loader (no PT_INTERP program header). */
    static boolean isStaticExecutable(byte[] bytes) {
        if (!isElf64LittleEndian(bytes)) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int at : programHeaders(b)) {
            if (at + 4 > bytes.length || b.getInt(at) == PT_INTERP) {
                return false;
            }
        }
        return true;
    }

    /** The file offsets of an ELF64 file's program headers (the table's own bounds are not checked). */
    private static int[] programHeaders(ByteBuffer b) {
        long phoff = b.getLong(0x20);
        int phentsize = Short.toUnsignedInt(b.getShort(0x36));
        int phnum = Short.toUnsignedInt(b.getShort(0x38));
        int[] offsets = new int[phnum];
        for (int i = 0; i < phnum; i++) {
            offsets[i] = (int) Math.min(Integer.MAX_VALUE, phoff + (long) i * phentsize);
        }
        return offsets;
    }

    /** True when the kernel image carries the Xen PVH entry note, so QEMU can boot it uncompressed. */
    static boolean hasPvhEntryNote(byte[] bytes) {
        if (!isElf64LittleEndian(bytes)) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int at : programHeaders(b)) {
            if (at + 0x38 > bytes.length || b.getInt(at) != PT_NOTE) {
                continue;
            }
            long offset = b.getLong(at + 0x08);
            long size = b.getLong(at + 0x20);
            long end = Math.min(bytes.length, offset + size);
            long p = offset;
            while (p + 12 <= end) {
                int nameSize = b.getInt((int) p);
                int descSize = b.getInt((int) p + 4);
                int type = b.getInt((int) p + 8);
                int nameAt = (int) p + 12;
                if (nameSize < 0 || descSize < 0 || nameAt + nameSize > end) {
                    break;
                }
                String name = new String(bytes, nameAt, Math.max(0, nameSize - 1), StandardCharsets.US_ASCII);
                if (name.equals("Xen") && type == XEN_ELFNOTE_PHYS32_ENTRY) {
                    return true;
                }
                p = nameAt + align4(nameSize) + align4(descSize);
            }
        }
        return false;
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }
}
