package dev.latchkey.local;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runner's HTTP/1.1 server on 127.0.0.1 (Netty): reads a request within the limits below, hands it to the
 * {@link ApiGateway} on a worker thread (functions block on DynamoDB), writes the answer. One request at a time per
 * connection, so keep-alive answers stay in order.
 *
 * <p>The limits are checked on the bytes as they arrive, before anything is buffered past them: a request line over
 * {@link #MAX_REQUEST_LINE_BYTES} is 414, headers over {@link #MAX_HEADER_BYTES} are 431, a body over
 * {@link #MAX_BODY_BYTES} is 413, whether it announced its Content-Length or came chunked without one.
 */
final class GatewayServer implements AutoCloseable {

    /** The functions refuse larger bodies anyway (64 KiB, their BodySizeLimit): nothing larger is worth reading. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;
    /** API Gateway's HTTP API quota for the request line and headers together is 10 KiB. */
    static final int MAX_HEADER_BYTES = 10 * 1024;

    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final Channel channel;

    private GatewayServer(EventLoopGroup group, ExecutorService workers, Channel channel) {
        this.group = group;
        this.workers = workers;
        this.channel = channel;
    }

    static GatewayServer start(int port, ApiGateway gateway) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "latchkey-gateway-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec(MAX_REQUEST_LINE_BYTES, MAX_HEADER_BYTES, 8192))
                                    .addLast(new Limits())
                                    .addLast(new BodyLimit())
                                    .addLast(new Dispatch(gateway, workers));
                        }
                    })
                    .bind("127.0.0.1", port).syncUninterruptibly().channel();
            return new GatewayServer(group, workers, channel);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownNow();
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }

    private static FullHttpResponse gatewayMessage(int status, String message) {
        ApiGateway.Response r = ApiGateway.message(status, message, ApiGateway.newRequestId());
        return toNetty(r);
    }

    private static FullHttpResponse toNetty(ApiGateway.Response r) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        for (Map.Entry<String, String> h : r.headers()) {
            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("transfer-encoding")) {
                response.headers().add(h.getKey(), h.getValue());
            }
        }
        HttpUtil.setContentLength(response, r.body().length);
        return response;
    }

    /** A request line or headers over their limit: the decoder gives up on the connection, so answer and close. */
    private static final class Limits extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                Throwable cause = o.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                FullHttpResponse response = cause instanceof TooLongHttpLineException
                        ? gatewayMessage(414, "Request-URI Too Long: the request line is over " + MAX_REQUEST_LINE_BYTES + " bytes")
                        : cause instanceof TooLongHttpHeaderException
                        ? gatewayMessage(431, "Request Header Fields Too Large: the headers are over " + MAX_HEADER_BYTES + " bytes")
                        : gatewayMessage(400, "Bad Request");
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Netty's aggregator counts the body's bytes as they arrive, so a chunked body without Content-Length is refused
     * as soon as it passes the limit, and an announced Content-Length over it before any of the body is read. The
     * answer is API Gateway's shape; the rest of the body is discarded on a keep-alive connection, as Netty does.
     */
    private static final class BodyLimit extends HttpObjectAggregator {
        BodyLimit() {
            super(MAX_BODY_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            FullHttpResponse response = gatewayMessage(413,
                    "Request Entity Too Large: the body is over " + MAX_BODY_BYTES + " bytes");
            boolean close = oversized instanceof FullHttpRequest
                    || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, "close");
            }
            ctx.writeAndFlush(response).addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private static final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ApiGateway gateway;
        private final ExecutorService workers;

        Dispatch(ApiGateway gateway, ExecutorService workers) {
            this.gateway = gateway;
            this.workers = workers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String sourceIp = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                    ? a.getAddress().getHostAddress() : "127.0.0.1";
            List<Map.Entry<String, String>> headers = request.headers().entries();
            ApiGateway.Request in = new ApiGateway.Request(request.method().name(), request.uri(), headers,
                    ByteBufUtil.getBytes(request.content()), sourceIp, request.protocolVersion().text());
            // The next request of this connection waits until this one is answered.
            ctx.channel().config().setAutoRead(false);
            workers.execute(() -> {
                FullHttpResponse response;
                try {
                    response = toNetty(gateway.handle(in));
                } catch (RuntimeException | Error e) {
                    System.err.println("gateway failure: " + e);
                    response = gatewayMessage(500, "Internal Server Error");
                }
                if (keepAlive) {
                    HttpUtil.setKeepAlive(response, true);
                    ctx.writeAndFlush(response).addListener(f -> {
                        ctx.channel().config().setAutoRead(true);
                        ctx.read();
                    });
                } else {
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
