/** relayj: the SimpleX SMP and XFTP relays. An application module: it exports nothing. */
module dev.relayj {
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires org.bouncycastle.tls;
    requires jopt.simple;
    // the control port's stats-rts shows collector counts and times and the peak thread count
    requires java.management;
    // tests use the JDK's HTTP/2 client as an independent peer; the relays never do
    requires static java.net.http;

    provides java.lang.System.LoggerFinder with dev.relayj.cli.ConsoleLoggerFinder;
}
