package dev.relayj.cli;

import dev.relayj.tls.SignAlgorithm;
import java.util.Optional;

/** The options of {@code xftp-server init} ({@code InitOptions} in FileTransfer/Server/Main.hs). */
record XftpInitOptions(
        boolean enableStoreLog,
        SignAlgorithm signAlgorithm,
        String ip,
        Optional<String> fqdn,
        String filesPath,
        long fileSizeQuota,
        Optional<String> webStaticPath) {}
