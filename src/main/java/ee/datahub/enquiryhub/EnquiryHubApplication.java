package ee.datahub.enquiryhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EnquiryHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(EnquiryHubApplication.class, args);
    }
}
