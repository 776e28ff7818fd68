// Cold-JVM read-path comparison: java bench/editor/ReadPaths.java stream|raf|chanheap|mmap FILE
// Hashes FILE with SHA-256 (MessageDigest) reading it one of four ways, and prints MB/s.
import java.io.*; import java.nio.*; import java.nio.channels.*; import java.nio.file.*; import java.security.*;
public class ReadPaths { public static void main(String[] a) throws Exception {
 Path p=Path.of(a[1]); MessageDigest d=MessageDigest.getInstance("SHA-256"); long t=System.nanoTime();
 switch(a[0]){
  case "stream" -> { try (InputStream in=Files.newInputStream(p)) { byte[] b=new byte[1<<20]; int n; while((n=in.read(b))>0) d.update(b,0,n);} }
  case "raf" -> { try (RandomAccessFile f=new RandomAccessFile(p.toFile(),"r")) { byte[] b=new byte[1<<20]; int n; while((n=f.read(b))>0) d.update(b,0,n);} }
  case "chanheap" -> { try (FileChannel c=FileChannel.open(p)) { ByteBuffer b=ByteBuffer.allocate(1<<20); while(c.read(b)>0){ b.flip(); d.update(b.array(),0,b.limit()); b.clear(); } } }
  case "mmap" -> { try (FileChannel c=FileChannel.open(p)) { long pos=0,size=c.size(); byte[] b=new byte[1<<20]; while(pos<size){ long len=Math.min(1L<<28,size-pos); MappedByteBuffer m=c.map(FileChannel.MapMode.READ_ONLY,pos,len); while(m.hasRemaining()){int n=Math.min(b.length,m.remaining()); m.get(b,0,n); d.update(b,0,n);} pos+=len; } } }
 }
 d.digest(); System.out.printf("%s %.0f MB/s%n", a[0], 1073.741824/((System.nanoTime()-t)/1e9));
}}
