package dev.tokenscale.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest; "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TokenscaleCommand.class.getPackage().getImplementationVersion();
        return new String[] {"tokenscale " + (version != null ? version : "dev")};
    }
}
