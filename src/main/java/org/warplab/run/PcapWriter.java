package org.warplab.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.warplab.files.SafeWrite;

/** Writes the classic libpcap format (magic 0xa1b2c3d4, microsecond stamps, link type Ethernet). */
public final class PcapWriter {
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAPLEN = 65535;

    private PcapWriter() {
    }

    public static byte[] toBytes(Capture capture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(capture, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public static void write(Capture capture, Path file) throws IOException {
        SafeWrite.bytes(file, toBytes(capture));
    }

    public static void write(Capture capture, OutputStream out) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        out.write(header.array());
        for (CapturedFrame frame : capture.frames()) {
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            long micros = frame.timeNs() / 1000;
            int length = Math.min(frame.bytes().length, SNAPLEN);
            record.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(length)
                    .putInt(frame.bytes().length);
            out.write(record.array());
            out.write(frame.bytes(), 0, length);
        }
    }
}
