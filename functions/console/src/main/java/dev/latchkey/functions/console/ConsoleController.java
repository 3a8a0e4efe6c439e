package dev.latchkey.functions.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.Optional;

/**
 * The console's files: {@code GET /console} (or {@code /console/}) sends the browser to the page, {@code GET /console/{+path}} answers one
 * file of {@link ConsoleAssets} or 404. {@link SecurityHeadersFilter} adds the security headers to every answer.
 */
@Controller("/console")
public class ConsoleController {

    /** The page, relative to {@code /console}: it resolves under any stage prefix API Gateway may put in front. */
    static final String ENTRY = "console/index.html";
    static final String ENTRY_FROM_FOLDER = "index.html";

    private final ConsoleAssets assets;

    public ConsoleController(ConsoleAssets assets) {
        this.assets = assets;
    }

    /** {@code /console} and {@code /console/} (which the router brings here too). */
    @Get(produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> entry(HttpRequest<?> request) {
        // From /console/ the page is a sibling: "console/index.html" would resolve to /console/console/index.html.
        String location = request.getPath().endsWith("/") ? ENTRY_FROM_FOLDER : ENTRY;
        return HttpResponse.<String>status(HttpStatus.FOUND).header("Location", location).header("Cache-Control", "no-cache")
                .body("");
    }

    @Get("/{+path}")
    public HttpResponse<?> asset(@PathVariable String path, HttpRequest<?> request) {
        Optional<ConsoleAssets.Asset> found = assets.find(path);
        if (found.isEmpty()) {
            return HttpResponse.notFound("Not found\n").contentType(MediaType.TEXT_PLAIN_TYPE)
                    .header("Cache-Control", "no-store");
        }
        ConsoleAssets.Asset asset = found.get();
        // no-cache: the browser keeps the file but asks again each time, so a deploy is seen at once; the ETag makes
        // the asking a 304 without a body.
        if (asset.etag().equals(request.getHeaders().get("If-None-Match"))) {
            return HttpResponse.notModified().header("ETag", asset.etag()).header("Cache-Control", "no-cache");
        }
        return HttpResponse.ok(asset.text()).contentType(asset.contentType())
                .header("ETag", asset.etag()).header("Cache-Control", "no-cache");
    }
}
