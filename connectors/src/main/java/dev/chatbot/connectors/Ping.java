package dev.chatbot.connectors;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

@Controller("/ping")
public class Ping {
    @Get
    public String ping() { return "pong"; }
}
