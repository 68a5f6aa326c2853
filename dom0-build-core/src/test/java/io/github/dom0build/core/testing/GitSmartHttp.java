package io.github.dom0build.core.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * git's smart http protocol for fetches, served from a JGit repository on a {@link LoopbackHttpServer}:
 * JGit's own UploadPack answers the ref advertisement and the upload-pack request, as its servlet would,
 * without a servlet container.
 */
public final class GitSmartHttp {
    private GitSmartHttp() {
    }

    /** Serves {@code repo} at {@code http://127.0.0.1:PORT/<name>.git}. */
    public static void serve(LoopbackHttpServer server, String name, Repository repo) {
        server.on("/" + name + ".git/info/refs", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-advertisement");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                PacketLineOut pck = new PacketLineOut(out);
                pck.writeString("# service=git-upload-pack\n");
                pck.end();
                UploadPack up = new UploadPack(repo);
                up.setBiDirectionalPipe(false);
                up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(pck));
            }
        });
        server.on("/" + name + ".git/git-upload-pack", ex -> {
            InputStream in = "gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(ex.getRequestBody()) : ex.getRequestBody();
            ex.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-result");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                UploadPack up = new UploadPack(repo);
                up.setBiDirectionalPipe(false);
                up.upload(in, out, null);
            }
        });
    }
}
