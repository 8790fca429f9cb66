// An integrator of the Chengxin REST API in plain Java 11+ (java.net.http, no libraries).
//
//   javac -encoding UTF-8 -d out docs/examples/java/ChengxinExample.java
//   java -cp out ChengxinExample http://127.0.0.1:3000 cxt_yourToken <orgId>
//
// It reads a body, ingests one record idempotently (and retries the same request, which writes nothing), polls the
// records changed since it started, and shows an RFC 9457 problem for a bad request. A real system would use a JSON
// library (Jackson, Gson); this example keeps to the JDK so it compiles anywhere.
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ChengxinExample {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String token;

  ChengxinExample(String baseUrl, String token) {
    this.base = baseUrl.replaceAll("/$", "") + "/api/v1";
    this.token = token;
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .GET().build();
    return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(String path, String json, String idempotencyKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The first string value of a field in a JSON text (enough for an example; use a JSON library in production). */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: java ChengxinExample <baseUrl> <token> <orgId>");
      System.exit(2);
    }
    ChengxinExample api = new ChengxinExample(args[0], args[1]);
    String orgId = args[2];
    String since = Instant.now().minusSeconds(60).toString();

    HttpResponse<String> org = api.get("/orgs/" + orgId);
    System.out.println("org " + org.statusCode() + " " + field(org.body(), "name"));

    // One batch, one key: store the key with the batch so a retry after a timeout sends the same key and body.
    String key = UUID.randomUUID().toString();
    String sourceId = "java-" + UUID.randomUUID();
    String batch = "{\"sourceSystem\":\"java-example\",\"initialStatus\":\"draft\",\"records\":[{"
        + "\"sourceId\":\"" + sourceId + "\","
        + "\"subject\":{\"kind\":\"org\",\"orgId\":\"" + orgId + "\"},"
        + "\"typeKey\":\"administrative_penalty\",\"severity\":\"ordinary\","
        + "\"facts\":\"逾期未支付中小企业款项\",\"legalBasis\":\"《保障中小企业款项支付条例》第八条\","
        + "\"decisionNo\":\"津财罚〔2025〕" + sourceId.substring(5, 13) + "号\",\"decisionDate\":\"2025-06-30\","
        + "\"issuingAuthority\":\"天津市财政局\"}]}";
    HttpResponse<String> first = api.post("/records/ingest", batch, key);
    Matcher ids = Pattern.compile("\"ids\"\\s*:\\s*\\[\"([0-9a-f-]{36})\"").matcher(first.body());
    String recordId = ids.find() ? ids.group(1) : null;
    System.out.println("ingest " + first.statusCode() + " id=" + recordId);

    HttpResponse<String> retry = api.post("/records/ingest", batch, key);
    System.out.println("retry " + retry.statusCode() + " replayed=" + retry.headers().firstValue("Idempotent-Replayed").orElse("false")
        + " same=" + retry.body().equals(first.body()));

    HttpResponse<String> changes = api.get("/records/changes?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8) + "&limit=200");
    System.out.println("changes " + changes.statusCode() + " contains=" + (recordId != null && changes.body().contains(recordId)));

    HttpResponse<String> problem = api.post("/records/ingest", "{\"sourceSystem\":\"java-example\",\"records\":[],\"colour\":\"red\"}", null);
    System.out.println("problem " + problem.statusCode() + " " + problem.headers().firstValue("Content-Type").orElse("") + " "
        + field(problem.body(), "code") + " " + field(problem.body(), "field"));
  }
}
