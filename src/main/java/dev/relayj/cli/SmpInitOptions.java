package dev.relayj.cli;

import dev.relayj.runtime.ServerPublicInfo.HostingType;
import dev.relayj.runtime.DbOptions;
import dev.relayj.smp.server.SmpServerConfig.SocksProxy;
import dev.relayj.tls.SignAlgorithm;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The options of {@code smp-server init} ({@code InitOptions} in Server/Main/Init.hs). */
record SmpInitOptions(
        boolean enableStoreLog,
        DbOptions db,
        boolean logStats,
        SignAlgorithm signAlgorithm,
        String ip,
        Optional<String> fqdn,
        Optional<ServerPassword> password,
        OptionalInt controlPort,
        Optional<SocksProxy> socksProxy,
        List<String> ownDomains,
        Optional<String> sourceCode,
        Optional<String> operator,
        Optional<String> operatorCountry,
        Optional<String> hosting,
        Optional<String> hostingCountry,
        Optional<HostingType> hostingType,
        Optional<String> serverCountry,
        Optional<String> website,
        Optional<String> webStaticPath,
        boolean disableWeb,
        boolean scripted) {

    /** The password to create queues: a given one, or a random one made at init. */
    sealed interface ServerPassword {
        record Given(String password) implements ServerPassword {}

        record Random() implements ServerPassword {}
    }

    SmpInitOptions withAnswers(boolean storeLog, boolean stats, Optional<ServerPassword> pwd, Optional<String> newFqdn,
            Optional<String> source, Optional<String> staticPath) {
        return new SmpInitOptions(storeLog, db, stats, signAlgorithm, ip, newFqdn, pwd, controlPort, socksProxy,
                ownDomains, source, operator, operatorCountry, hosting, hostingCountry, hostingType, serverCountry,
                website, staticPath, disableWeb, scripted);
    }

    /** Any server information beyond the source code ({@code hasServerInfo} of the options). */
    boolean hasServerInfo() {
        return operator.isPresent() || website.isPresent() || hosting.isPresent() || hostingType.isPresent()
                || serverCountry.isPresent();
    }
}
