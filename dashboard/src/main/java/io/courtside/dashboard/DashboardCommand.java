package io.courtside.dashboard;

import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import io.courtside.pipeline.influx.InfluxTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code courtside dashboard}: serves a live page per Grafana dashboard until Ctrl-C, or with
 * {@code --snapshot} saves a PNG of each and exits.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a live page for each Grafana dashboard in grafana/dashboards/*.json: the same panels,"
          + " queries and variables, drawn without Grafana. Queries run here, never in the browser.",
      "InfluxDB credentials as the pipeline: --influxUser with INFLUX_PASSWORD or --influxPasswordFile.",
      "With --snapshot=DIR, save a PNG of every dashboard (headless chromium) and exit."
    })
public final class DashboardCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "3000",
      description = "Port (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
  String host;

  @Option(
      names = "--influxUrl",
      defaultValue = "http://127.0.0.1:8086",
      description = "InfluxDB base URL (default ${DEFAULT-VALUE}).")
  String influxUrl;

  @Option(
      names = "--influxDatabase",
      defaultValue = "courtside",
      description = "Database (default ${DEFAULT-VALUE}).")
  String influxDatabase;

  @Option(
      names = "--influxUser",
      description = "v1 user; the password from INFLUX_PASSWORD or --influxPasswordFile.")
  String influxUser;

  @Option(
      names = "--influxPasswordFile",
      paramLabel = "FILE",
      description = "File holding the v1 password (wins over INFLUX_PASSWORD).")
  String influxPasswordFile;

  @Option(
      names = "--dashboards",
      paramLabel = "DIR",
      description = "Dashboard files (default: grafana/dashboards of this project).")
  Path dashboardsDir;

  @Option(
      names = "--snapshot",
      paramLabel = "DIR",
      description = "Save DIR/<uid>.png of every dashboard, following the data, then exit.")
  Path snapshotDir;

  @Option(
      names = "--range",
      description = "With --snapshot: 5m, 15m, 1h or 6h (default: each dashboard's own).")
  String range;

  @Override
  public Integer call() throws Exception {
    InfluxDbClient influx;
    Dashboards dashboards =
        new Dashboards(dashboardsDir != null ? dashboardsDir : Dashboards.defaultDir());
    List<Dashboards.Dashboard> all;
    try {
      if (range != null) {
        TimeRange.length(range);
      }
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(
            "--port=" + port + " is not a port: give 1 to 65535, or 0 for any free port");
      }
      influx = client(influxUrl, influxDatabase, influxUser, influxPasswordFile);
      all = dashboards.all();
    } catch (IllegalArgumentException
        | IllegalStateException
        | IOException
        | DashboardException e) {
      System.err.println("courtside dashboard: " + e.getMessage());
      return 2;
    }
    try {
      influx.query("SHOW MEASUREMENTS");
    } catch (InfluxDbException e) {
      System.err.println(
          "courtside dashboard: "
              + e.getMessage()
              + "; the pages will say so until it answers (start it with `./courtside stack start`)");
    }
    DashboardServer server;
    try {
      server = DashboardServer.start(host, snapshotDir != null ? 0 : port, dashboards, influx);
    } catch (IOException e) {
      System.err.println("courtside dashboard: " + e.getMessage());
      return 3;
    }
    try {
      if (snapshotDir != null) {
        for (Path file : Snapshots.take(server.url(), all, snapshotDir, range)) {
          System.out.println("courtside dashboard: saved " + file);
        }
        return 0;
      }
      System.out.println(
          "courtside dashboard: "
              + all.size()
              + " dashboards from "
              + dashboards.dir()
              + " at "
              + server.url()
              + " (InfluxDB "
              + influxUrl
              + ", database "
              + influxDatabase
              + "); Ctrl-C stops");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  }));
      stopped.await();
      return 0;
    } catch (IOException e) {
      System.err.println("courtside dashboard: " + e.getMessage());
      return 1;
    } finally {
      server.close();
    }
  }

  /**
   * A query client with the pipeline's credentials rules; throws naming the flag or variable at
   * fault.
   */
  public static InfluxDbClient client(
      String url, String database, String user, String passwordFile) {
    InfluxTarget target =
        new InfluxTarget(
            InfluxTarget.Api.V1, url, database, null, null, user, passwordFile, null, false);
    InfluxCredentials.requireUserWithPassword(target);
    return new InfluxDbClient(target, InfluxCredentials.header(target));
  }
}
