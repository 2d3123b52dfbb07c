package dev.nettybind.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The verified client certificate chain of a request, on a server with
 * {@code request-client-certificate} or {@code require-client-certificate}:
 *
 * <pre class="code">
 * List&lt;X509Certificate&gt; chain = ClientCertificates.of(request);
 * String who = chain.isEmpty() ? "anonymous" : chain.get(0).getSubjectX500Principal().getName();
 * </pre>
 *
 * A WebFlux handler reads the same chain from {@code ServerHttpRequest.getSslInfo()}.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public final class ClientCertificates {

	private ClientCertificates() {
	}

	/**
	 * Return the certificate chain the client of this request presented and the server
	 * verified, the client's own certificate first.
	 * @param request the request
	 * @return the chain, empty when the client sent none or the connection is not secure
	 */
	public static List<X509Certificate> of(HttpServerRequest request) {
		Channel[] channel = new Channel[1];
		request.withConnection((connection) -> channel[0] = connection.channel());
		SslHandler ssl = sslHandler(channel[0]);
		if (ssl == null) {
			return List.of();
		}
		try {
			Certificate[] peer = ssl.engine().getSession().getPeerCertificates();
			return Arrays.stream(peer).map(X509Certificate.class::cast).toList();
		}
		catch (SSLPeerUnverifiedException ex) {
			return List.of();
		}
	}

	private static SslHandler sslHandler(Channel channel) {
		// An HTTP/2 stream's TLS is on its parent connection.
		for (Channel current = channel; current != null; current = current.parent()) {
			SslHandler ssl = current.pipeline().get(SslHandler.class);
			if (ssl != null) {
				return ssl;
			}
		}
		return null;
	}

}
