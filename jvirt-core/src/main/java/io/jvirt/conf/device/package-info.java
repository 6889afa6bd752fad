/**
 * Device records under {@code <devices>}. Families the QEMU driver builds have their own list in
 * {@link io.jvirt.conf.device.Devices}; every other family is a case of the sealed
 * {@link io.jvirt.conf.device.DeviceDef}. Layer: model.
 */
package io.jvirt.conf.device;
