/** relayj: the SimpleX SMP and XFTP relays. An application module: it exports nothing. */
module dev.relayj {
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires org.bouncycastle.tls;
    requires jopt.simple;
    // the control port's stats-rts shows collector counts and times and the peak thread count
    requires java.management;
    // the ACME client reaches the CA with the JDK's HTTP client (tests also use it as an HTTP/2 peer)
    requires java.net.http;
    // sun.misc.Signal: SIGHUP reloads the certificates
    requires jdk.unsupported;

    provides java.lang.System.LoggerFinder with dev.relayj.cli.ConsoleLoggerFinder;
}
