package io.jvirt.daemon;

import picocli.CommandLine;

/** --version. */
public final class JvirtdVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = JvirtdVersion.class.getPackage().getImplementationVersion();
        return new String[] {"jvirtd " + (v == null ? "(development build)" : v)};
    }
}
