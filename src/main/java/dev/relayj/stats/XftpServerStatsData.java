package dev.relayj.stats;

import java.time.Instant;

/**
 * A copy of every XFTP server counter ({@code FileServerStatsData} in
 * {@code FileTransfer/Server/Stats.hs}), and its text form in the state file
 * {@code file-server-stats.log}. {@link #parse(String)} accepts older files as the reference's
 * {@code strP} does: {@code filesExpired=}, {@code filesBlocked=}, {@code filesCount=} and
 * {@code filesSize=} may be missing.
 */
public record XftpServerStatsData(
        Instant fromTime,
        long filesCreated,
        long fileRecipients,
        long filesUploaded,
        long filesExpired,
        long filesDeleted,
        long filesBlocked,
        PeriodStatsData filesDownloaded,
        long fileDownloads,
        long fileDownloadAcks,
        long filesCount,
        long filesSize) {

    public String encode() {
        return "fromTime=" + UtcTimeText.format(fromTime) + "\n"
                + "filesCreated=" + filesCreated + "\n"
                + "fileRecipients=" + fileRecipients + "\n"
                + "filesUploaded=" + filesUploaded + "\n"
                + "filesExpired=" + filesExpired + "\n"
                + "filesDeleted=" + filesDeleted + "\n"
                + "filesBlocked=" + filesBlocked + "\n"
                + "filesCount=" + filesCount + "\n"
                + "filesSize=" + filesSize + "\n"
                + "filesDownloaded:\n"
                + filesDownloaded.encode() + "\n"
                + "fileDownloads=" + fileDownloads + "\n"
                + "fileDownloadAcks=" + fileDownloadAcks + "\n";
    }

    public static XftpServerStatsData parse(String text) throws StatsFormatException {
        StateLines in = new StateLines(text);
        Instant fromTime = UtcTimeText.parse(in.requireValue("fromTime="));
        long filesCreated = in.requireLong("filesCreated=");
        long fileRecipients = in.requireLong("fileRecipients=");
        long filesUploaded = in.requireLong("filesUploaded=");
        long filesExpired = in.optionalLong("filesExpired=");
        long filesDeleted = in.requireLong("filesDeleted=");
        long filesBlocked = in.optionalLong("filesBlocked=");
        long filesCount = in.optionalLong("filesCount=");
        long filesSize = in.optionalLong("filesSize=");
        in.requireMarker("filesDownloaded:");
        PeriodStatsData filesDownloaded = in.periodStats();
        long fileDownloads = in.requireLong("fileDownloads=");
        long fileDownloadAcks = in.requireLong("fileDownloadAcks=");
        in.requireEnd();
        return new XftpServerStatsData(fromTime, filesCreated, fileRecipients, filesUploaded, filesExpired,
                filesDeleted, filesBlocked, filesDownloaded, fileDownloads, fileDownloadAcks, filesCount, filesSize);
    }
}
