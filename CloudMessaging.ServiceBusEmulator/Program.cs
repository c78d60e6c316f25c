Console.WriteLine("CloudMessaging Service Bus emulator");
