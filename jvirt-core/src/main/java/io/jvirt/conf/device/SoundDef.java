package io.jvirt.conf.device;

import java.util.List;

/**
 * A {@code <sound model=...>} with its {@code <codec type=.../>} children.
 *
 * @param audioId {@code <audio id=N/>} naming the host backend, or null
 */
public record SoundDef(String model, List<String> codecs, Integer audioId, String alias, AddressDef address)
        implements DeviceDef {
    public SoundDef {
        codecs = List.copyOf(codecs);
    }

    @Override
    public String element() {
        return "sound";
    }
}
