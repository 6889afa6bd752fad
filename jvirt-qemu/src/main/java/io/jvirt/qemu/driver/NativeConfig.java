package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.qemu.command.ArgvToXml;
import io.jvirt.qemu.command.CommandLineBuilder;
import io.jvirt.qemu.command.LaunchContext;
import io.jvirt.qemu.process.QemuProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** domxml-to-native and domxml-from-native for the "qemu-argv" format. */
final class NativeConfig {
    static final String QEMU_ARGV = "qemu-argv";
    private final QemuDriver driver;

    NativeConfig(QemuDriver driver) {
        this.driver = driver;
    }

    private static void checkFormat(String format) {
        if (!QEMU_ARGV.equals(format)) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "unsupported config type " + format);
        }
    }

    /** The command line a start of {@code xml} would run (env, then argv; shell-quoted, one per line). */
    String toNative(String format, String xml, int flags) {
        checkFormat(format);
        io.jvirt.Flags.check(flags, 0, "qemuConnectDomainXMLToNative");
        DomainDef def = driver.definer.prepare(xml, null);
        DomainDef placement = NumaPlacement.resolve(def); // numad is asked, as a start would
        def = def.withVcpu(placement.vcpu()).withTuning(def.tuning().withNumatune(placement.tuning().numatune()));
        Path dir = RuntimeDirs.domainDir(driver.paths.stateDir(), -1, def.name());
        def = VsockCids.preview(driver.graphics.preview(def, dir)); // the first free ports and CID
        def = FirmwareSelection.fill(def, driver.paths, FirmwareDescriptors.load(FirmwareDescriptors.searchDirs()));
        HugepageBacking.Layout hugepages = driver.hugepages.preview(def, -1);
        LaunchContext ctx = new LaunchContext(dir.resolve("monitor.sock"), dir, -1, false, driver.settings.sandbox(),
                driver.settings.logTimestamp()).withTpmSockets(TpmEmulator.sockets(driver.paths, -1, def))
                .withHostdevNodes(HostdevRules.preview(def)).withHugepages(hugepages.dirs(), hugepages.pageKiB());
        List<String> argv = CommandLineBuilder.build(def, driver.caps.get(def.devices().emulator()), ctx,
                DiskStartup.preview(def, dir, driver.secrets));
        List<String> words = new ArrayList<>();
        for (Map.Entry<String, String> e : DomainStarter.environment(def).entrySet()) {
            words.add(e.getKey() + "=" + QemuProcess.shellQuote(e.getValue()));
        }
        argv.forEach(a -> words.add(QemuProcess.shellQuote(a)));
        return String.join(" \\\n", words) + "\n";
    }

    /** Domain XML for a QEMU command line (jvirt's own and common hand-written ones). */
    String fromNative(String format, String config, int flags) {
        checkFormat(format);
        io.jvirt.Flags.check(flags, 0, "qemuConnectDomainXMLFromNative");
        return ArgvToXml.convert(config);
    }
}
