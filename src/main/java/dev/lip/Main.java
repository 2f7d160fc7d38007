package dev.lip; public final class Main { public static void main(String[] a) {} }
