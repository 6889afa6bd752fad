package io.jvirt.conf.device;

/**
 * A {@code <video>}.
 *
 * @param model   vga, cirrus, qxl, virtio, bochs, ramfb, vmvga, none
 * @param vram    KiB, or null
 * @param ram     KiB (qxl), or null
 * @param vgamem  KiB (qxl), or null
 * @param heads   heads, or null
 * @param primary {@code primary='yes'}, or null
 * @param accel3d {@code <acceleration accel3d=...>}, or null
 */
public record VideoDef(String model, Long vram, Long ram, Long vgamem, Integer heads, Boolean primary,
                       Boolean accel3d, String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "video";
    }
}
