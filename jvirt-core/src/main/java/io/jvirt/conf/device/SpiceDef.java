package io.jvirt.conf.device;

import java.util.List;
import java.util.Map;

/**
 * The SPICE-only parts of a {@code <graphics type='spice'>}.
 *
 * @param defaultMode the {@code defaultMode} attribute (any, secure, insecure), or null
 * @param channels    {@code <channel name mode/>} in document order
 * @param options     the one-attribute children by element name, in libvirt's order
 *                    ({@code image} compression, {@code jpeg}, {@code zlib}, {@code playback},
 *                    {@code streaming} mode, {@code clipboard} copypaste, {@code mouse} mode,
 *                    {@code filetransfer} enable, {@code gl} enable)
 * @param glRendernode {@code <gl rendernode>}, or null
 */
public record SpiceDef(String defaultMode, List<Channel> channels, Map<String, String> options,
                       String glRendernode) {
    public static final SpiceDef NONE = new SpiceDef(null, List.of(), Map.of(), null);

    public SpiceDef {
        channels = List.copyOf(channels);
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    /** {@code <channel name='main|display|inputs|cursor|playback|record|smartcard|usbredir' mode/>}. */
    public record Channel(String name, String mode) {
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
