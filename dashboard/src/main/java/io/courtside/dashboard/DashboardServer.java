package io.courtside.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only HTTP server of {@code courtside dashboard} (Jetty 12, no servlets):
 *
 * <ul>
 *   <li>{@code /} lists the dashboards; {@code /d/UID} is a dashboard's page;
 *   <li>{@code /api/dashboards/UID} is the dashboard file as it is (the page draws from it);
 *   <li>{@code /api/dashboards/UID/data?range=1h&follow=true&var-NAME=VALUE} runs its queries;
 *   <li>{@code /static/NAME}: the page's script and style and uPlot, from the classpath.
 * </ul>
 *
 * Only GET; nothing writes to InfluxDB.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEB = "/io/courtside/dashboard/web/";
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

  /** The only files served: name -> classpath resource. */
  private static final Map<String, String> STATIC =
      Map.of(
          "dashboard.js", WEB + "dashboard.js",
          "panels.js", WEB + "panels.js",
          "dashboard.css", WEB + "dashboard.css",
          "uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
          "uPlot.min.css", UPLOT + "uPlot.min.css");

  private final Server server;
  private final ServerConnector connector;

  private DashboardServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Starts serving {@code dashboards} on {@code host:port} (port 0: a free one). */
  public static DashboardServer start(
      String host, int port, Dashboards dashboards, InfluxDbClient influx) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("dashboard-http");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Routes(dashboards, new DashboardData(influx, Clock.systemUTC())));
    try {
      server.start();
    } catch (IOException e) {
      server.stop();
      throw new IOException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); choose another --port",
          e);
    }
    return new DashboardServer(server, connector);
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The list page, e.g. {@code http://127.0.0.1:3000/}. */
  public String url() {
    String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the dashboard server: {}", e.toString());
    }
  }

  private static final class Routes extends Handler.Abstract {
    private final Dashboards dashboards;
    private final DashboardData data;

    Routes(Dashboards dashboards, DashboardData data) {
      this.dashboards = dashboards;
      this.data = data;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      try {
        if (!"GET".equals(request.getMethod())) {
          send(response, callback, 405, "text/plain", "read-only: GET only");
        } else if (path.equals("/")) {
          send(response, callback, 200, "text/html", IndexPage.html(dashboards.all()));
        } else if (path.startsWith("/d/")) {
          dashboards.byUid(path.substring(3));
          send(response, callback, 200, "text/html", resource(WEB + "dashboard.html"));
        } else if (path.equals("/api/dashboards")) {
          ArrayNode list = JSON.createArrayNode();
          dashboards
              .all()
              .forEach(d -> list.addObject().put("uid", d.uid()).put("title", d.title()));
          send(response, callback, 200, "application/json", JSON.writeValueAsBytes(list));
        } else if (path.startsWith("/api/dashboards/") && path.endsWith("/data")) {
          String uid =
              path.substring("/api/dashboards/".length(), path.length() - "/data".length());
          Fields params = Request.extractQueryParameters(request);
          Map<String, String> selection = new LinkedHashMap<>();
          for (Fields.Field f : params) {
            if (f.getName().startsWith("var-")) {
              selection.put(f.getName().substring(4), f.getValue());
            }
          }
          String range = params.getValue("range") == null ? "1h" : params.getValue("range");
          boolean follow = !"false".equals(params.getValue("follow"));
          byte[] body =
              JSON.writeValueAsBytes(data.load(dashboards.byUid(uid), range, follow, selection));
          send(response, callback, 200, "application/json", body);
        } else if (path.startsWith("/api/dashboards/")) {
          Dashboards.Dashboard d = dashboards.byUid(path.substring("/api/dashboards/".length()));
          send(response, callback, 200, "application/json", Files.readAllBytes(d.file()));
        } else if (path.startsWith("/static/") && STATIC.containsKey(path.substring(8))) {
          String name = path.substring(8);
          send(
              response,
              callback,
              200,
              name.endsWith(".js") ? "text/javascript" : "text/css",
              resource(STATIC.get(name)));
        } else {
          send(response, callback, 404, "text/plain", "not found: " + path);
        }
      } catch (DashboardException e) {
        send(response, callback, 400, "text/plain", e.getMessage());
      } catch (InfluxDbException e) {
        // The client's message names the server and the status, never a credential.
        send(response, callback, 502, "text/plain", e.getMessage());
      } catch (IOException | RuntimeException e) {
        LOG.warn("{} {}: {}", request.getMethod(), path, e.toString());
        send(response, callback, 500, "text/plain", e.toString());
      }
      return true;
    }

    private static byte[] resource(String name) throws IOException {
      try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IOException("missing from the classpath: " + name);
        }
        return in.readAllBytes();
      }
    }

    private static void send(
        Response response, Callback callback, int status, String type, String body) {
      send(response, callback, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(
        Response response, Callback callback, int status, String type, byte[] body) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      // Scripts and data from this server only: the page never talks to InfluxDB or the internet.
      response
          .getHeaders()
          .put(
              "Content-Security-Policy",
              "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
