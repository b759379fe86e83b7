package org.warplab.model;

/** An address configured on an interface with the length of its on-link prefix: 10.0.12.1/30. */
public record InterfaceAddress(IpAddress address, int prefixLength) {

    public InterfaceAddress {
        if (prefixLength < 0 || prefixLength > address.family().bits()) {
            throw new AddressFormatException("prefix length " + prefixLength + " is outside 0.."
                    + address.family().bits() + " for " + address.family().label());
        }
    }

    public static InterfaceAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new AddressFormatException("an interface address is required, found nothing");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            throw new AddressFormatException("'" + text + "' is not an interface address (expected address/length like 10.0.12.1/30)");
        }
        if (trimmed.substring(0, slash).isBlank()) {
            throw new AddressFormatException("'" + text + "' is not an interface address (no address before '/')");
        }
        IpAddress address = IpAddress.parse(trimmed.substring(0, slash));
        String lengthText = trimmed.substring(slash + 1);
        if (lengthText.isEmpty() || lengthText.length() > 3 || !Ipv4Address.asciiDigits(lengthText)) {
            throw new AddressFormatException("'" + text + "' is not an interface address ('" + lengthText + "' is not a prefix length)");
        }
        return new InterfaceAddress(address, Integer.parseInt(lengthText));
    }

    public IpFamily family() {
        return address.family();
    }

    public IpPrefix subnet() {
        return IpPrefix.containing(address, prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
