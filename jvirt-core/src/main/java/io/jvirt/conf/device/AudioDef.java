package io.jvirt.conf.device;

/** An {@code <audio id type/>} host backend (none, spice, pulseaudio, alsa, file ...). */
public record AudioDef(int id, String type) implements DeviceDef {
    @Override
    public String element() {
        return "audio";
    }

    @Override
    public String alias() {
        return null;
    }

    @Override
    public AddressDef address() {
        return null;
    }
}
